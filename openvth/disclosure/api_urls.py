"""`/api/v1/` endpoints of disclosure."""

urlpatterns: list = []
