"""`/api/v1/` endpoints of enforcement."""

urlpatterns: list = []
