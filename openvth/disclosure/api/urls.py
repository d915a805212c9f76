"""`/api/v1/` endpoints of disclosure: publications for staff, and the public read-only API (/api/v1/public/, no
login): published publications, companies and released permits."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("publications", views.PublicationViewSet, basename="publication")

urlpatterns = [
    *router.urls,
    path("public/publications", views.PublicationList.as_view(), name="public-publication-list"),
    path("public/publications/<int:pk>", views.PublicationDetail.as_view(), name="public-publication-detail"),
    path("public/companies", views.CompanyList.as_view(), name="public-company-list"),
    path("public/companies/<int:pk>", views.CompanyDetail.as_view(), name="public-company-detail"),
    path("public/permits", views.PermitList.as_view(), name="public-permit-list"),
    path("public/establishments/<int:pk>/permit", views.PermitDetail.as_view(), name="public-establishment-permit"),
]
