from django.urls import path

from . import views

app_name = "register"
urlpatterns = [
    path("vestigingen/", views.search, name="search"),
    path("vestigingen/dubbel/", views.duplicates, name="duplicates"),
    path("vestigingen/<int:pk>/", views.establishment_detail, name="establishment"),
    path("vestigingen/<int:pk>/wijzigen/", views.establishment_edit, name="establishment_edit"),
    path("vestigingen/<int:pk>/samenvoegen/", views.establishment_merge, name="establishment_merge"),
    path("bedrijven/<int:pk>/", views.company_detail, name="company"),
    path("bedrijven/<int:pk>/wijzigen/", views.company_edit, name="company_edit"),
    path("bedrijven/<int:pk>/samenvoegen/", views.company_merge, name="company_merge"),
    path("organisaties/", views.organisation_list, name="organisations"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="organisation"),
    path("basistaken/", views.province_list, name="provinces"),
    path("basistaken/<int:pk>/", views.basistaken_overview, name="basistaken"),
]
