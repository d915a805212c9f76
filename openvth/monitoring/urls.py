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
urlpatterns += [
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/datakwaliteit/", views.quality_overview, name="quality"),
    path("monitoring/datakwaliteit/<slug:code>/", views.quality_rule, name="quality_rule"),
    path("monitoring/staat-van-de-vth/", views.staat, name="staat"),
    path("monitoring/staat-van-de-vth/pdf/", views.staat_pdf, name="staat_pdf"),
    path("monitoring/verslag-raad/", views.council_report, name="council_report"),
    path("monitoring/verslag-raad/pdf/", views.council_report_pdf, name="council_report_pdf"),
]
