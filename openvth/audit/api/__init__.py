"""The read log in the REST API (a viewset mixin every app's API uses); audit has no endpoints of its own."""
