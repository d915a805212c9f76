"""REST API of the register (`/api/v1/`): serializers parse, services write, selectors read."""
