"""`/api/v1/` endpoints of sharing: the chain dossier of a company."""

from django.urls import path

from . import views

urlpatterns = [
    path("companies/<int:pk>/chain-dossier", views.ChainDossierView.as_view(), name="company-chain-dossier"),
]
