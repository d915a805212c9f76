from django.urls import path

from . import views

app_name = "regional"
urlpatterns = [
    path("regionaal-plan/", views.plan_list, name="plans"),
    path("regionaal-plan/nieuw/", views.plan_create, name="plan_create"),
    path("regionaal-plan/<int:pk>/", views.plan_detail, name="plan"),
    path("regionaal-plan/<int:pk>/wijzigen/", views.plan_edit, name="plan_edit"),
    path("regionaal-plan/<int:pk>/definitief/", views.plan_finalise, name="plan_finalise"),
]
