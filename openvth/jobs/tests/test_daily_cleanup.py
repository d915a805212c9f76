"""The daily clean-up jobs (issue 17): expired sessions (what `clearsessions` does), failed sign-ins whose
lock-out has passed and the old sign-in log (django-axes), reads of personal data past their retention."""

from datetime import timedelta

from axes.models import AccessAttempt
from axes.models import AccessLog as SignInLog
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from openvth.audit import services as audit
from openvth.audit.models import PersonalDataRead
from openvth.core import clock
from openvth.jobs import handlers, schedule, services
from openvth.jobs.models import Job
from openvth.supervision.models import Complaint


def _run(kind: str) -> Job:
    job = services.start(kind)
    services.run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    return job


def test_the_cleanups_are_daily_jobs():
    assert {"audit_purge", "sessions_purge", "sign_in_purge"} <= {d.kind for d in schedule.DAILY}


def test_expired_sessions_are_removed_and_live_ones_kept(db):
    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=clock.now() - timedelta(seconds=1))
    _run("sessions_purge")
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def _attempt(username: str, age: timedelta) -> AccessAttempt:
    attempt = AccessAttempt.objects.create(
        username=username, ip_address="192.0.2.1", user_agent="test", http_accept="*/*", path_info="/login/",
        get_data="", post_data="", failures_since_start=3,
    )  # fmt: skip
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=clock.now() - age)
    return attempt


def test_failed_sign_ins_past_the_lock_out_and_the_old_sign_in_log_are_removed(db):
    cooled = settings.AXES_COOLOFF_TIME
    _attempt("afgekoeld", cooled + timedelta(minutes=1))
    _attempt("nog-geblokkeerd", cooled - timedelta(minutes=5))
    for username, days in (("oud", handlers.SIGN_IN_LOG_KEPT_DAYS + 1), ("recent", 10)):
        entry = SignInLog.objects.create(username=username, ip_address="192.0.2.1", user_agent="t", http_accept="*",
                                         path_info="/login/")  # fmt: skip
        SignInLog.objects.filter(pk=entry.pk).update(attempt_time=clock.now() - timedelta(days=days))
    job = _run("sign_in_purge")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["nog-geblokkeerd"]
    assert list(SignInLog.objects.values_list("username", flat=True)) == ["recent"]
    assert job.step.startswith("1 verlopen pogingen, 1 oude")


def test_reads_of_personal_data_past_the_retention_go_in_the_daily_purge(member, service, settings):
    settings.AUDIT_READ_RETENTION_DAYS = 10
    complaint = Complaint.objects.create(service=service, subject="noise", description="x" * 12, location="Weg 1")
    old, new = (audit.record_read(member, complaint, channel="ui")[0] for _ in range(2))
    PersonalDataRead.objects.filter(pk=old.pk).update(read_at=clock.now() - timedelta(days=11))
    _run("audit_purge")
    assert list(PersonalDataRead.objects.values_list("pk", flat=True)) == [new.pk]
