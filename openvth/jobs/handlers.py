"""What each kind of job does (openvth.jobs.kinds): thin calls of the apps' selectors and services, as their
commands do, with the progress a person waiting for the result sees."""

from datetime import timedelta
from importlib import import_module
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as SignInLog
from django.conf import settings
from django.core.exceptions import PermissionDenied

from openvth.audit import services as audit
from openvth.core import clock
from openvth.core.pdf import render_pdf
from openvth.monitoring import selectors as monitoring
from openvth.monitoring import services as monitoring_services
from openvth.notifications import services as notifications
from openvth.register.models import Organisation
from openvth.sharing import batch
from openvth.sharing import services as sharing
from openvth.sharing.models import SharingAgreement

from . import services
from .models import Job

JOBS_KEPT_DAYS = 30  # finished jobs and their result files; a download link older than this is gone
# django-axes' log of sign-ins (user, address, browser, when): a year, to trace an account's misuse back over a
# season (BIO 12.4.1), not longer (it is personal data of the employees: AVG art. 5(1)(e))
SIGN_IN_LOG_KEPT_DAYS = 365


def staat_pdf(job: Job) -> None:
    """The Staat van de VTH as PDF with the figures the requester may read, as monitoring:staat_pdf renders it."""
    user = job.requested_by
    if user is None or not user.is_active:
        raise PermissionDenied("De aanvrager van deze PDF heeft geen actief account meer.")
    services.report_progress(job, 10, "Cijfers verzamelen")
    context = monitoring.staat_context(user, printed_on=clock.today())
    services.report_progress(job, 50, "PDF opmaken")
    content = render_pdf(monitoring.STAAT_TEMPLATE, context)
    services.report_progress(job, 90, "PDF bewaren")
    services.attach_result(job, f"staat-van-de-vth-{clock.today():%Y-%m-%d}.pdf", content, "application/pdf")


def monitoring_snapshot(job: Job) -> None:
    taken = monitoring_services.take_snapshot(today=clock.today())
    services.report_progress(job, 100, f"{taken.scores} scores, {taken.kpi_values} waarden gemeten")


def term_reminders(job: Job) -> None:
    sent = notifications.send_term_reminders(today=clock.today())
    services.report_progress(job, 100, f"{sent} herinneringen")


def notification_digest(job: Job) -> None:
    sent = notifications.send_digests()
    services.report_progress(job, 100, f"{sent} samenvattingen verstuurd")


def sharing_purge_log(job: Job) -> None:
    count = sharing.purge_access_log(today=clock.today())
    services.report_progress(job, 100, f"{count} raadplegingen ouder dan 3 jaar verwijderd")


def sharing_export(job: Job) -> None:
    """Per organisation with a sharing agreement in force today: `<code>.zip` in settings.SHARING_EXPORT_DIR, as
    `openvth sharing export` writes it (the national systems collect it there)."""
    today = clock.today()
    in_force = SharingAgreement.objects.filter(SharingAgreement.valid_on_q(today))
    owners = list(Organisation.objects.filter(pk__in=in_force.values("owner_id")).order_by("code"))
    directory = Path(settings.SHARING_EXPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    # one pass over each table for all of them (bench: 18.7 s instead of 75 s for the country)
    batch.write_batch_exports({o: directory / f"{o.code}.zip" for o in owners}, today=today)
    services.report_progress(job, 100, f"{len(owners)} exports")


def jobs_purge(job: Job) -> None:
    count = services.purge(before=clock.now() - timedelta(days=JOBS_KEPT_DAYS))
    services.report_progress(job, 100, f"{count} oude taken verwijderd")


def audit_purge(job: Job) -> None:
    count = audit.purge_reads(today=clock.today())
    services.report_progress(job, 100, f"{count} raadplegingen ouder dan {audit.retention_days()} dagen verwijderd")


def sessions_purge(job: Job) -> None:
    """What `openvth clearsessions` does: expired sessions leave the session store (for the database and file
    backends; the cache backends expire them themselves)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    services.report_progress(job, 100, "Verlopen sessies verwijderd")


def sign_in_purge(job: Job) -> None:
    """Failed sign-in attempts whose lock-out period has passed (they count for nothing any more), and the sign-in
    log older than SIGN_IN_LOG_KEPT_DAYS."""
    now = clock.now()
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lte=now - settings.AXES_COOLOFF_TIME).delete()
    old = now - timedelta(days=SIGN_IN_LOG_KEPT_DAYS)
    logs, _ = SignInLog.objects.filter(attempt_time__lte=old).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lte=old).delete()
    services.report_progress(job, 100, f"{attempts} verlopen pogingen, {logs + failures} oude inlogregels verwijderd")


def dso_fetch(job: Job) -> None:
    """Fetch a request the Omgevingsloket notified, read and map it (openvth.intake.services.process); a DSO that
    does not answer fails the attempt, and the job tries again."""
    from openvth.intake import services as intake  # intake starts these jobs

    request = intake.process(job.params["intake_request"])
    services.report_progress(job, 100, f"Verzoek {request.verzoeknummer}: {request.get_status_display()}")


def webhook_delivery(job: Job) -> None:
    """One attempt to deliver a change notification (openvth.webhooks.services.attempt); a failed attempt raises
    and the job tries again after a growing pause, the last one marks the delivery failed."""
    from openvth.webhooks import services as webhooks  # webhooks starts these jobs

    delivery = webhooks.attempt(job.params["delivery"], number=job.attempts, last=job.attempts >= job.max_attempts)
    services.report_progress(job, 100, delivery.get_status_display() if delivery else "Aflevering bestaat niet meer")
