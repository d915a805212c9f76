"""`/api/v1/` endpoints of sharing."""

urlpatterns: list = []
