"""Pages of the Woo publication flow for staff (namespace "disclosure")."""

from django.urls import path

from . import views

PUBLICATION = "publicaties/<int:pk>/"

urlpatterns = [
    path("publicaties/", views.queue, name="publications"),
    path("publicaties/voorstellen/inspectie/<int:pk>/", views.propose_inspection, name="propose_inspection"),
    path("publicaties/voorstellen/besluit/<int:pk>/", views.propose_letter, name="propose_letter"),
    path("publicaties/voorstellen/vergunning/<int:pk>/", views.propose_permit, name="propose_permit"),
    path(PUBLICATION, views.review, name="publication"),
    path(f"{PUBLICATION}passages/", views.add_passage, name="add_passage"),
    path(f"{PUBLICATION}intrekken/", views.withdraw, name="withdraw"),
    path(f"{PUBLICATION}<slug:name>/", views.step, name="publication_step"),
]
