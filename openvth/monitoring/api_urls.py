"""`/api/v1/` endpoints of monitoring."""

urlpatterns: list = []
