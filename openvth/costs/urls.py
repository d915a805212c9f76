from django.urls import path

from . import views

app_name = "costs"
urlpatterns = [
    path("kosten/", views.overview, name="overview"),
    path("kosten/uren/", views.sheet, name="sheet"),
    path("kosten/uren/importeren/", views.hours_import, name="import"),
    path("kosten/tarieven/", views.rates, name="rates"),
]
