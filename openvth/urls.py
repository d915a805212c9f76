from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("openvth.api_urls")),
    path("", include("openvth.accounts.urls")),
    path("", include("openvth.core.urls")),  # the home page at "/" and the search over everything
    path("", include("openvth.register.urls")),
    path("", include("openvth.permits.urls")),
    path("", include("openvth.supervision.urls")),
    path("", include("openvth.enforcement.urls")),
    path("", include("openvth.sharing.urls")),
    path("", include("openvth.disclosure.urls")),
    path("", include("openvth.monitoring.urls")),
    path("", include("openvth.capacity.urls")),  # staff and quality criteria, mandates, SPUK grants
    path("", include("openvth.costs.urls")),  # hours and cost per task, rates and budgets
    path("", include("openvth.analysis.urls")),  # the permit outlook, uniform enforcement measured
    path("", include("openvth.regional.urls")),  # the regional plan and its adoption
    path("", include("openvth.quality.urls")),  # visitations and ILT investigations
    path("", include("openvth.jobs.urls")),  # a job's progress and result, failed jobs, /health/
    path("", include("openvth.notifications.urls")),
    path("", include("openvth.intake.urls")),  # the intake queue of requests from the Omgevingsloket
    path("", include("openvth.webhooks.urls")),  # subscriptions to change notifications, their delivery log
    path("beheer/", include("openvth.administration.urls")),  # the administrator's pages, with the audit log
    path("audit/", include("openvth.audit.urls")),  # reads of personal data, the export for an inzageverzoek
]
