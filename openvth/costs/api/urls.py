"""`/api/v1/costs/`: hours, hourly rates, budgets, norm hours and the cost figures (issue 21, item 2)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openvth.costs.api import views

router = SimpleRouter(trailing_slash=False)
router.register("costs/hours", views.HourEntryViewSet, basename="costs-hours")
router.register("costs/rates", views.HourlyRateViewSet, basename="costs-rate")
router.register("costs/budgets", views.BudgetViewSet, basename="costs-budget")
router.register("costs/norm-hours", views.NormHoursViewSet, basename="costs-norm-hours")

urlpatterns = [
    path("costs/figures", views.CostsView.as_view(), name="costs-figures"),
    path("costs/figures/national", views.NationalCostsView.as_view(), name="costs-figures-national"),
    *router.urls,
]
