from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("ketendossier/bedrijven/<int:pk>/", views.dossier, name="dossier"),
    path("ketendossier/afspraken/", views.agreement_list, name="agreements"),
    path("ketendossier/afspraken/nieuw/", views.agreement_create, name="agreement_create"),
    path("ketendossier/afspraken/<int:pk>/", views.agreement_edit, name="agreement"),
    path("ketendossier/logboek/", views.access_log, name="log"),
]
