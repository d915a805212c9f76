"""`/api/v1/` endpoints of sharing: the chain dossier of a company."""

from django.urls import path

from . import api

urlpatterns = [
    path("companies/<int:pk>/chain-dossier/", api.ChainDossierView.as_view(), name="company-chain-dossier"),
]
