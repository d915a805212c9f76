"""`/api/v1/` endpoints of permits: applications, decisions, and the permit of an establishment on a date."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("decisions", views.DecisionViewSet, basename="decision")

urlpatterns = [
    path("establishments/<int:pk>/permit", views.PermitView.as_view(), name="establishment-permit"),
    path("establishments/<int:pk>/permit/diff", views.PermitDiffView.as_view(), name="establishment-permit-diff"),
    path(
        "establishments/<int:pk>/permit/provisions/<str:number>",
        views.ProvisionHistoryView.as_view(),
        name="establishment-provision-history",
    ),
    *router.urls,
]
