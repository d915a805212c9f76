"""Every write of background jobs: start one, run it (progress, result file, error), retry a failure with a growing
pause and report the last failure to the administrators.

A job is stored with its task in one transaction on the database backend (both or neither); another backend (RQ)
gets the task once the job is committed, so a worker never looks for a job that is not there yet."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from openvth.core import clock
from openvth.core.middleware import request_id
from openvth.core.scoping import author

from . import tasks
from .kinds import KINDS
from .models import Job

logger = logging.getLogger(__name__)
Status = Job.Status
FIRST_PAUSE = timedelta(minutes=1)  # before the second attempt; each next pause is five times longer
ERROR_LENGTH = 2000


def _enqueue(job: Job, *, run_after=None) -> None:
    task = tasks.run_job.using(run_after=run_after) if run_after is not None else tasks.run_job
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(job.pk)
    else:
        transaction.on_commit(lambda: task.enqueue(job.pk))


@transaction.atomic
def start(kind: str, *, user=None, params: dict | None = None) -> Job:
    """A job of `kind` for `user` (None: for the installation), waiting for a worker."""
    if kind not in KINDS:
        raise ValueError(f"Onbekende soort achtergrondtaak: {kind}")
    requested_by = author(user)
    job = Job.objects.create(
        kind=kind,
        params=params or {},
        requested_by=requested_by,
        organisation_id=getattr(requested_by, "organisation_id", None),
        max_attempts=KINDS[kind].max_attempts,
        created_at=clock.now(),
    )
    _enqueue(job)
    return job


def report_progress(job: Job, percent: int, step: str = "") -> None:
    """Written at once (outside any transaction of the handler), so the job's page shows it while the job runs."""
    job.progress, job.step = max(0, min(100, percent)), step[:200]
    Job.objects.filter(pk=job.pk).update(progress=job.progress, step=job.step)


def attach_result(job: Job, name: str, content: bytes, content_type: str) -> None:
    job.result.save(name, ContentFile(content), save=False)
    job.result_name, job.result_type = name, content_type
    Job.objects.filter(pk=job.pk).update(result=job.result.name, result_name=name, result_type=content_type)


def _claim(job_id: int) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Status.WAITING:
            return None
        job.status, job.attempts, job.started_at, job.progress = Status.RUNNING, job.attempts + 1, clock.now(), 0
        job.next_attempt_at = None
        job.save(update_fields=["status", "attempts", "started_at", "progress", "next_attempt_at"])
        return job


def run(job_id: int) -> None:
    """Do the job (called by the task in a worker). A failure is recorded and tried again, never raised: the job
    holds the error, the task itself succeeds."""
    job = _claim(job_id)
    if job is None:
        logger.warning("Achtergrondtaak %s is er niet meer of wacht niet: overgeslagen.", job_id)
        return
    token = request_id.set(f"job-{job.pk}")  # the job's log lines carry its id as their request id
    try:
        import_string(KINDS[job.kind].handler)(job)
    except Exception as exc:
        logger.exception("Achtergrondtaak %s (%s) mislukt bij poging %s van %s", job.pk, job.kind, job.attempts,
                         job.max_attempts)  # fmt: skip
        _failed(job, exc)
    else:
        job.status, job.progress, job.finished_at, job.error = Status.DONE, 100, clock.now(), ""
        job.save(update_fields=["status", "progress", "finished_at", "error"])
    finally:
        request_id.reset(token)


def _failed(job: Job, exc: Exception) -> None:
    from openvth.notifications import services as notifications  # they are told through a job-free producer

    job.error = f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
    if job.attempts < job.max_attempts:
        job.status = Status.WAITING
        job.next_attempt_at = clock.now() + FIRST_PAUSE * 5 ** (job.attempts - 1)
        with transaction.atomic():
            job.save(update_fields=["status", "error", "next_attempt_at"])
            _enqueue(job, run_after=job.next_attempt_at)
        return
    job.status, job.finished_at = Status.FAILED, clock.now()
    with transaction.atomic():
        job.save(update_fields=["status", "error", "finished_at"])
        notifications.job_failed(job)


@transaction.atomic
def purge(*, before) -> int:
    """Jobs finished before `before` with their result files, and the queue's finished tasks; returns the jobs."""
    old = Job.objects.filter(status__in=(Status.DONE, Status.FAILED), finished_at__lt=before)
    files = [(job.result.storage, job.result.name) for job in old.exclude(result="")]
    _, deleted = old.delete()
    DBTaskResult.objects.filter(finished_at__lt=before).delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return deleted.get("jobs.Job", 0)
