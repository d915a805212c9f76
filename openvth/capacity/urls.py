from django.urls import path

from . import views

app_name = "capacity"
urlpatterns = [
    path("capaciteit/", views.overview, name="overview"),
    path("capaciteit/landelijk/", views.national, name="national"),
    path("capaciteit/kwaliteitscriteria/", views.criteria, name="criteria"),
    path("capaciteit/medewerkers/", views.staff_list, name="staff_list"),
    path("capaciteit/medewerkers/nieuw/", views.staff_create, name="staff_create"),
    path("capaciteit/medewerkers/importeren/", views.staff_import, name="staff_import"),
    path("capaciteit/medewerkers/<int:pk>/", views.staff_detail, name="staff"),
    path("capaciteit/bekwaamheden/<int:pk>/", views.competence_detail, name="competence"),
    path("capaciteit/mandaten/", views.mandates, name="mandates"),
    path("capaciteit/mandaten/landelijk/", views.national_mandates, name="national_mandates"),
    path("capaciteit/spuk/", views.grants, name="grants"),
    path("capaciteit/spuk/landelijk/", views.national_spuk, name="national_spuk"),
]
