from django.urls import path

from . import views

app_name = "analysis"
urlpatterns = [
    path("analyse/vergunningprognose/", views.outlook, name="outlook"),
    path("analyse/uniform-handhaven/", views.uniform, name="uniformity"),
]
