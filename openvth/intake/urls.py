from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("intake/", views.queue, name="queue"),
    path("intake/<int:pk>/", views.detail, name="request"),
    path("intake/<int:pk>/opnieuw/", views.retry, name="retry"),
    path("intake/<int:pk>/koppelen/", views.link, name="link"),
    path("intake/<int:pk>/nieuwe-vestiging/", views.create_establishment, name="create_establishment"),
    path("intake/<int:pk>/stam/", views.stam_file, name="stam"),
    path("intake/<int:pk>/pdf/", views.pdf_file, name="pdf"),
    path("intake/<int:pk>/bijlagen/<int:attachment>/", views.attachment_file, name="attachment"),
]
