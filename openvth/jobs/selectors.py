"""Reads of background jobs: one's own jobs, the failures an administrator sees, the age of the queue."""

from datetime import timedelta

from django.db.models import QuerySet
from django_tasks_db.models import DBTaskResult

from openvth.core import clock
from openvth.core.permissions import Action, may

from .models import Job


def own_jobs(user) -> QuerySet[Job]:
    """The jobs the user started: only he sees their progress and downloads their result."""
    if user is None or getattr(user, "pk", None) is None:
        return Job.objects.none()
    return Job.objects.filter(requested_by=user)


def may_see_failures(user) -> bool:
    return may(user, Action.SEE_FAILED_JOBS)


def failed_jobs(user) -> QuerySet[Job]:
    """Failed jobs for an administrator: those of his organisation; the national administrator (superuser) also
    sees the installation's daily jobs."""
    if not may_see_failures(user):
        return Job.objects.none()
    found = Job.objects.visible_to(user).filter(status=Job.Status.FAILED)
    return found.select_related("requested_by", "organisation").order_by("-finished_at", "-id")


def oldest_waiting_age() -> timedelta | None:
    """How long the oldest task that could run now has waited in the database queue (None: nothing waits)."""
    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if oldest is None:
        return None
    return clock.now() - oldest
