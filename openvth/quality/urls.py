from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("visitaties/", views.overview, name="overview"),
    path("visitaties/nieuw/", views.visitation_create, name="visitation_create"),
    path("visitaties/<int:pk>/", views.visitation_detail, name="visitation"),
    path("ilt-onderzoeken/nieuw/", views.investigation_create, name="investigation_create"),
    path("ilt-onderzoeken/<int:pk>/", views.investigation_detail, name="investigation"),
    path("aanbevelingen/<int:pk>/opvolging/", views.follow_up, name="follow_up"),
]
