from django.urls import path

from . import pages

app_name = "core"
urlpatterns = [
    path("", pages.home, name="home"),
    path("zoeken/", pages.search, name="search"),
]
