"""The page of a job (its progress while it runs, the download when it is done) and the failed jobs for the
administrator."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from openvth.core.views import htmx_fragment

from . import kinds, selectors
from .models import Job


@login_required
def job_detail(request, pk: int):
    job = get_object_or_404(selectors.own_jobs(request.user), pk=pk)
    context = {"job": job, "label": kinds.label(job.kind)}
    if htmx_fragment(request):  # the page asks every few seconds while the job runs
        return render(request, "jobs/_status.html", context)
    return render(request, "jobs/job_detail.html", context)


@login_required
def job_result(request, pk: int):
    job = get_object_or_404(selectors.own_jobs(request.user), pk=pk)
    if job.status != Job.Status.DONE or not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name,
                        content_type=job.result_type)  # fmt: skip


@login_required
def failed(request):
    if not selectors.may_see_failures(request.user):
        raise PermissionDenied
    jobs = [(job, kinds.label(job.kind)) for job in selectors.failed_jobs(request.user)[:200]]
    return render(request, "jobs/failed.html", {"jobs": jobs})
