"""Pages of inspections, reports and complaints (namespace "supervision"); the complaint form needs no login."""

from django.urls import path

from ..views import inspections as views

INSPECTION = "toezicht/inspecties/<int:pk>/"

urlpatterns = [
    path("toezicht/inspecties/", views.inspection_queue, name="inspections"),
    path("toezicht/inspecties/nieuw/", views.inspection_new, name="inspection_new"),
    path(INSPECTION, views.inspection_detail, name="inspection"),
    path(f"{INSPECTION}starten/", views.inspection_start, name="inspection_start"),
    path(f"{INSPECTION}antwoorden/<int:item>/", views.answer_save, name="answer_save"),
    path(f"{INSPECTION}samenvatting/", views.summary_save, name="summary_save"),
    path(f"{INSPECTION}bevindingen/nieuw/", views.finding_new, name="finding_new"),
    path(f"{INSPECTION}bevindingen/<int:finding_pk>/", views.finding_edit, name="finding_edit"),
    path(f"{INSPECTION}bevindingen/<int:finding_pk>/verwijderen/", views.finding_remove, name="finding_remove"),
    path(f"{INSPECTION}bijlagen/", views.attachment_add, name="attachment_add"),
    path(f"{INSPECTION}bijlagen/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path(f"{INSPECTION}afsluiten/", views.inspection_close, name="inspection_close"),
    path(f"{INSPECTION}correctie/", views.inspection_correct, name="inspection_correct"),
    path(f"{INSPECTION}rapport/", views.report, name="report"),
    path(f"{INSPECTION}rapport/pdf/", views.report_pdf, name="report_pdf"),
    path(f"{INSPECTION}rapport/data/", views.report_dates, name="report_dates"),
    path("toezicht/rapporten-te-laat/", views.late_reports, name="late_reports"),
    path("melding/", views.complaint_public, name="complaint_public"),
    path("melding/ontvangen/", views.complaint_received, name="complaint_received"),
    path("toezicht/meldingen/", views.complaint_list, name="complaints"),
    path("toezicht/meldingen/<int:pk>/", views.complaint_detail, name="complaint"),
    path("toezicht/meldingen/<int:pk>/inspectie/", views.complaint_triage, name="complaint_triage"),
    path("toezicht/meldingen/<int:pk>/afsluiten/", views.complaint_close, name="complaint_close"),
]
