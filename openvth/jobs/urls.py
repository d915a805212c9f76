from django.urls import path

from . import health, views

app_name = "jobs"
urlpatterns = [
    path("taken/mislukt/", views.failed, name="failed"),
    path("taken/<int:pk>/", views.job_detail, name="job"),
    path("taken/<int:pk>/bestand/", views.job_result, name="result"),
    path("health/", health.HealthView.as_view(), name="health"),
]
