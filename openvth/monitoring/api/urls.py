"""`/api/v1/ibp/`: progress reports and actions of the IBP VTH."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=False)
router.register("ibp/reports", views.ProgrammeReportViewSet, basename="ibp-report")
router.register("ibp/actions", views.ProgrammeActionViewSet, basename="ibp-action")

urlpatterns = router.urls
