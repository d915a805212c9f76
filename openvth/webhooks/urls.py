from django.urls import path

from . import views

app_name = "webhooks"
urlpatterns = [
    path("webhooks/", views.subscriptions, name="subscriptions"),
    path("webhooks/nieuw/", views.create, name="create"),
    path("webhooks/<int:pk>/", views.detail, name="subscription"),
    path("webhooks/<int:pk>/deactiveren/", views.deactivate, name="deactivate"),
    path("webhooks/<int:pk>/opnieuw/", views.replay, name="replay"),
]
