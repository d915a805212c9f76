"""`/api/v1/capacity/`: staff, competences, certificates, quality criteria, assessments, mandates and SPUK grants."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openvth.capacity.api import views

router = SimpleRouter(trailing_slash=False)
router.register("capacity/staff", views.StaffMemberViewSet, basename="capacity-staff")
router.register("capacity/competences", views.CompetenceViewSet, basename="capacity-competence")
router.register("capacity/certificates", views.CertificateViewSet, basename="capacity-certificate")
router.register("capacity/criteria", views.CriteriaVersionViewSet, basename="capacity-criteria")
router.register("capacity/grants", views.GrantViewSet, basename="capacity-grant")
router.register("capacity/grant-quarters", views.GrantQuarterViewSet, basename="capacity-grant-quarter")

urlpatterns = [
    path("capacity/assessment", views.AssessmentView.as_view(), name="capacity-assessment"),
    path("capacity/assessment/national", views.NationalAssessmentView.as_view(), name="capacity-assessment-national"),
    path("capacity/mandates", views.MandatesView.as_view(), name="capacity-mandates"),
    path("capacity/mandates/national", views.NationalMandatesView.as_view(), name="capacity-mandates-national"),
    path("capacity/spuk/national", views.NationalSpukView.as_view(), name="capacity-spuk-national"),
    *router.urls,
]
