from django.urls import path

from . import views

app_name = "enforcement"
urlpatterns = [
    path("handhaving/", views.work_queue, name="work_queue"),
    path("handhaving/zaken/", views.case_list, name="cases"),
    path("handhaving/zaken/<int:pk>/", views.case_detail, name="case"),
    path("handhaving/zaken/<int:pk>/stap/<slug:event>/", views.case_step, name="case_step"),
    path("handhaving/bevindingen/<int:pk>/lhso/", views.lhso_step, name="lhso"),
    path("handhaving/bevindingen/<int:pk>/zaak/", views.open_case, name="open_case"),
    path("handhaving/besluiten/<int:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("handhaving/besluiten/<int:pk>/bezwaar/", views.lodge_objection, name="objection"),
    path("handhaving/lhso-tabel/", views.lhso_table, name="lhso_table"),
    path("handhaving/beleid/", views.policy_list, name="policies"),
    path("handhaving/beleid/<int:pk>/", views.policy_table, name="policy"),
]
