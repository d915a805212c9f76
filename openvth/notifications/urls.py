from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("notificaties/", views.notification_list, name="list"),
    path("notificaties/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("notificaties/voorkeuren/", views.preferences, name="preferences"),
    path("notificaties/<int:pk>/", views.notification_open, name="open"),
]
