from django.urls import path

from . import views

app_name = "permits"
urlpatterns = [
    path("vergunningen/", views.work_queue, name="work_queue"),
    path("vergunningen/aanvragen/", views.application_list, name="applications"),
    path("vergunningen/aanvragen/nieuw/", views.application_new, name="application_new"),
    path("vergunningen/aanvragen/<int:pk>/", views.application_detail, name="application"),
    path("vergunningen/aanvragen/<int:pk>/<slug:action>/", views.application_action, name="application_action"),
    path("vergunningen/besluiten/<int:pk>/", views.decision_detail, name="decision"),
    path("vergunningen/doorlooptijden/", views.lead_times, name="lead_times"),
    path("vestigingen/<int:pk>/besluiten/", views.decision_list, name="decisions"),
    path("vestigingen/<int:pk>/besluiten/nieuw/", views.decision_new, name="decision_new"),
    path("vestigingen/<int:pk>/vergunning/", views.permit, name="permit"),
    path("vestigingen/<int:pk>/vergunning/pdf/", views.permit_pdf, name="permit_pdf"),
    path("vestigingen/<int:pk>/vergunning/verschil/", views.permit_diff, name="permit_diff"),
    # provision numbers are free text ("3.2.1", "A/4"): the rest of the path is the number
    path("vestigingen/<int:pk>/vergunning/voorschriften/<path:number>/", views.provision_history, name="provision"),
]
