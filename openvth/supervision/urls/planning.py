"""Planning pages (namespace "supervision"): risk table, appraisals, programme, visits, overdue visits."""

from django.urls import path

from ..views import planning as views

urlpatterns = [
    path("toezicht/risicotabel/", views.risk_table, name="risk_table"),
    path("vestigingen/<int:pk>/risico/", views.establishment_risk, name="establishment_risk"),
    path("toezicht/programma/", views.programme_list, name="programmes"),
    path("toezicht/programma/<int:pk>/", views.programme_detail, name="programme"),
    path("toezicht/programma/<int:pk>/genereren/", views.programme_generate, name="programme_generate"),
    path("toezicht/programma/<int:pk>/dagen/", views.programme_plan_days, name="programme_plan_days"),
    path("toezicht/programma/<int:pk>/bezoeken/nieuw/", views.visit_add, name="visit_add"),
    path("toezicht/bezoeken/<int:pk>/", views.visit_change, name="visit_change"),
    path("toezicht/bezoeken/<int:pk>/verwijderen/", views.visit_remove, name="visit_remove"),
    path("toezicht/bezoeken/<int:pk>/inspectie/", views.visit_start, name="visit_start"),
    path("toezicht/achterstallig/", views.overdue, name="overdue"),
]
