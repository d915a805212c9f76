"""The supervision dossier of an establishment (namespace "supervision")."""

from django.urls import path

from ..views.dossier import establishment_dossier

urlpatterns = [path("vestigingen/<int:pk>/toezicht/", establishment_dossier, name="dossier")]
