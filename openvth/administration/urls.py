from django.urls import path

from . import views

app_name = "administration"
urlpatterns = [
    path("", views.index, name="index"),
    path("gebruikers/", views.user_list, name="users"),
    path("gebruikers/nieuw/", views.user_create, name="user_create"),
    path("gebruikers/<int:pk>/", views.user_edit, name="user"),
    path("gebruikers/<int:pk>/uitzetten/", views.user_deactivate, name="user_deactivate"),
    path("gebruikers/<int:pk>/aanzetten/", views.user_activate, name="user_activate"),
    path("mandaten/", views.mandate_list, name="mandates"),
    path("mandaten/nieuw/", views.mandate_create, name="mandate_create"),
    path("mandaten/<int:pk>/beeindigen/", views.mandate_end, name="mandate_end"),
    path("basistaken/", views.placement_list, name="placements"),
    path("basistaken/<int:pk>/", views.placement_edit, name="placement"),
    path("briefsjablonen/", views.letter_template_list, name="letter_templates"),
    path("briefsjablonen/<int:pk>/<slug:kind>/", views.letter_template, name="letter_template"),
    path("checklists/", views.checklist_list, name="checklists"),
    path("checklists/<int:pk>/", views.checklist_version, name="checklist"),
    path("audit/", views.audit, name="audit"),
]
