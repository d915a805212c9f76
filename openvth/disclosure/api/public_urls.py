"""The public, read-only API: /api/v1/public/ (no login)."""

from django.urls import path

from . import public

urlpatterns = [
    path("public/publications/", public.PublicationList.as_view(), name="public-publication-list"),
    path("public/publications/<int:pk>/", public.PublicationDetail.as_view(), name="public-publication-detail"),
    path("public/companies/", public.CompanyList.as_view(), name="public-company-list"),
    path("public/companies/<int:pk>/", public.CompanyDetail.as_view(), name="public-company-detail"),
]
