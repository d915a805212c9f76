"""`/api/v1/` endpoints of supervision."""

urlpatterns: list = []
