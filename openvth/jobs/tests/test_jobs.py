"""Background jobs (issue 17): a job started from the page runs in `openvth worker`, shows its progress and offers
its result to the one who asked; a failing job is tried again after a growing pause and then reported to the
administrator; the daily jobs run once a day through the worker; the queue is the database, or RQ with REDIS_URL."""

import runpy
from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from openvth import settings as settings_module
from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock as core_clock
from openvth.jobs import kinds, schedule, services
from openvth.jobs.models import DailyRun, Job
from openvth.notifications.models import Kind, Notification
from openvth.testing.clock import AMSTERDAM
from openvth.testing.pdf import pdf_text


def worker(*args) -> str:
    out = StringIO()
    call_command("worker", *args, stdout=out)
    return out.getvalue()


def failing(job):
    raise ConnectionError("de server antwoordt niet")


@pytest.fixture
def broken(monkeypatch):
    monkeypatch.setitem(kinds.KINDS, "broken", kinds.Kind("Kapotte taak", f"{__name__}.failing", max_attempts=3))


@pytest.fixture
def administrator(service):
    return UserFactory(username="beheer", organisation=service, role=Role.ADMINISTRATOR)


def test_the_staat_pdf_runs_in_the_background_and_only_its_requester_downloads_it(client, owner, member, night):
    client.force_login(owner)
    response = client.post(reverse("monitoring:staat_pdf"))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    waiting = client.get(response["Location"]).content.decode()
    assert "Wacht" in waiting and 'hx-trigger="every 2s"' in waiting and "<progress" in waiting

    worker("--once")

    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (Job.Status.DONE, 100, 1)
    done = client.get(reverse("jobs:job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert reverse("jobs:result", args=[job.pk]) in done and "hx-trigger" not in done  # the page stops asking
    download = client.get(reverse("jobs:result", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "Staat van de VTH" in pdf_text(b"".join(download.streaming_content))
    client.force_login(member)  # a colleague neither sees the job nor downloads its figures
    assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:result", args=[job.pk])).status_code == 404


def test_a_failing_job_is_retried_after_a_growing_pause_and_then_reported(
    client, broken, night, owner, administrator, outsider
):
    job = services.start("broken", user=owner)

    worker("--once")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.WAITING, 1)
    assert job.error == "ConnectionError: de server antwoordt niet"
    assert job.next_attempt_at - core_clock.now() > timedelta(seconds=50)
    worker("--once")  # the pause is not over: nothing runs
    job.refresh_from_db()
    assert job.attempts == 1

    night.move_to(core_clock.now() + timedelta(minutes=2))
    worker("--once")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.WAITING, 2)
    assert job.next_attempt_at - core_clock.now() > timedelta(minutes=4)  # five times longer

    night.move_to(core_clock.now() + timedelta(minutes=6))
    worker("--once")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 3)
    told = Notification.objects.get(kind=Kind.JOB_FAILED)
    assert told.recipient == administrator and "Kapotte taak" in told.title
    client.force_login(administrator)
    page = client.get(reverse("jobs:failed")).content.decode()
    assert "Kapotte taak" in page and "ConnectionError: de server antwoordt niet" in page and "3 / 3" in page
    client.force_login(owner)
    assert "mislukt" in client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert client.get(reverse("jobs:failed")).status_code == 403  # the list is for administrators
    outsider.role = Role.ADMINISTRATOR
    outsider.save()
    client.force_login(outsider)  # another organisation's administrator does not see it
    assert "Kapotte taak" not in client.get(reverse("jobs:failed")).content.decode()


def test_max_tasks_stops_the_worker_after_that_many(broken, night, owner):
    first, second = services.start("broken", user=owner), services.start("broken", user=owner)
    worker("--max-tasks", "1")
    attempts = sorted(Job.objects.filter(pk__in=[first.pk, second.pk]).values_list("attempts", flat=True))
    assert attempts == [0, 1]


def test_the_daily_schedule_runs_through_the_worker_once_a_day(db, clock):
    today = core_clock.today()
    clock.move_to(datetime.combine(today, time(23, 30), tzinfo=AMSTERDAM))
    out = worker("--once")

    daily = {d.kind for d in schedule.DAILY}
    assert {run.kind for run in DailyRun.objects.filter(day=today)} == daily
    assert out.count("Dagtaak gestart") == len(daily)
    assert dict(Job.objects.values_list("kind", "status")) == dict.fromkeys(daily, Job.Status.DONE)
    assert worker("--once") == ""  # a restart the same day starts nothing again
    assert Job.objects.count() == len(daily)

    clock.move_to(datetime.combine(today + timedelta(days=1), time(2, 30), tzinfo=AMSTERDAM))
    worker("--once")  # the next night: only the jobs whose hour has come
    due = {d.kind for d in schedule.DAILY if d.hour <= 2}
    assert {run.kind for run in DailyRun.objects.filter(day=today + timedelta(days=1))} == due


def test_a_job_and_its_task_are_stored_together(owner, broken):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.start("broken", user=owner)
        raise RuntimeError("afgebroken")
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_the_queue_is_the_database_unless_redis_url_is_set(monkeypatch, settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    with_redis = runpy.run_path(settings_module.__file__)
    assert with_redis["TASKS"] == {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    assert with_redis["RQ_QUEUES"] == {"default": {"URL": "redis://127.0.0.1:6379/0"}}
    assert {"django_rq", "django_tasks_rq"} <= set(with_redis["INSTALLED_APPS"])
