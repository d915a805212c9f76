from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("openvth.api_urls")),
    path("", include("openvth.accounts.urls")),
    path("", include("openvth.register.urls")),
    path("", include("openvth.permits.urls")),
]
