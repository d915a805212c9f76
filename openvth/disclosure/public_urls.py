"""The public site under /openbaar/: no login (namespace "disclosure", included by urls.py)."""

from django.urls import path, re_path

from . import public_views
from .feeds import NewPublicationsFeed

urlpatterns = [
    path("openbaar/", public_views.home, name="public_home"),
    path("openbaar/bedrijven/<int:pk>/", public_views.company, name="public_company"),
    path("openbaar/publicaties/<int:pk>/", public_views.publication, name="public_publication"),
    path("openbaar/vestigingen/<int:pk>/vergunning/", public_views.permit, name="public_permit"),
    path("openbaar/publicaties/<int:pk>/publicatie.pdf", public_views.publication_pdf, name="public_publication_pdf"),
    path("openbaar/publicaties/<int:pk>/diwoo.xml", public_views.publication_diwoo, name="public_publication_diwoo"),
    path("openbaar/diwoo-sitemap.xml", public_views.diwoo_sitemap, name="public_diwoo_sitemap"),
    path("openbaar/publicaties.atom", public_views.public_page(NewPublicationsFeed()), name="public_feed"),
    path("openbaar/open-data/", public_views.open_data, name="public_open_data"),
    path("openbaar/open-data/velden.json", public_views.field_dictionary, name="public_fields"),
    re_path(
        r"^openbaar/open-data/publicaties\.(?P<fmt>csv|json|parquet)$", public_views.download, name="public_download"
    ),
    re_path(
        r"^openbaar/open-data/(?P<dataset>vergunningvoorschriften)\.(?P<fmt>csv|json|parquet)$",
        public_views.download,
        name="public_download_dataset",
    ),
]
