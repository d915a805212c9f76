"""The daily jobs and the hour (Dutch time) from which each runs. The worker (`openvth worker`) starts every job whose
hour has come and that did not run yet that day: a worker that was down catches up the same day, and a second worker
or a restart finds the day's run already recorded (DailyRun) and starts nothing."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from openvth.core import clock

from . import services
from .models import DailyRun, Job


@dataclass(frozen=True)
class Daily:
    kind: str  # openvth.jobs.kinds.KINDS
    hour: int


DAILY = (
    Daily("monitoring_snapshot", 1),
    Daily("sharing_export", 2),
    Daily("sharing_purge_log", 3),
    Daily("jobs_purge", 3),
    Daily("audit_purge", 3),
    Daily("sessions_purge", 4),
    Daily("sign_in_purge", 4),
    Daily("term_reminders", 6),
    Daily("notification_digest", 7),  # after the reminders, so the morning's digest holds them
)


def start_due() -> list[Job]:
    """Start the daily jobs that are due now and not yet started today; returns the jobs started."""
    now = timezone.localtime(clock.now())
    started = []
    for daily in DAILY:
        if now.hour < daily.hour:
            continue
        if DailyRun.objects.filter(kind=daily.kind, day=now.date()).exists():
            continue
        try:
            with transaction.atomic():
                job = services.start(daily.kind)
                DailyRun.objects.create(kind=daily.kind, day=now.date(), job=job)
        except IntegrityError:  # another worker recorded it first
            continue
        started.append(job)
    return started
