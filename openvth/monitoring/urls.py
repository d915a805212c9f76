from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("ibp/", views.programme, name="programme"),
    path("ibp/acties/<int:pk>/", views.action_detail, name="action"),
    path("ibp/rapportages/", views.report_list, name="reports"),
    path("ibp/rapportages/nieuw/", views.report_upload, name="report_upload"),
    path("ibp/rapportages/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
