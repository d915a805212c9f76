"""Every kind of background job: its label and the function that does it (`handler(job)`, in openvth.jobs.handlers).
A handler reads `job.params`, may report progress and attach a result file through openvth.jobs.services, and raises
to fail: the job is then tried again after a growing pause, up to `max_attempts`."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    label: str
    handler: str  # dotted path of the function
    max_attempts: int = 3


KINDS: dict[str, Kind] = {
    "staat_pdf": Kind(_("Staat van de VTH (PDF)"), "openvth.jobs.handlers.staat_pdf"),
    "monitoring_snapshot": Kind(_("Meting datakwaliteit en KPI's"), "openvth.jobs.handlers.monitoring_snapshot"),
    "term_reminders": Kind(_("Herinneringen aan termijnen"), "openvth.jobs.handlers.term_reminders"),
    "notification_digest": Kind(_("Dagelijkse samenvatting per e-mail"), "openvth.jobs.handlers.notification_digest"),
    "sharing_purge_log": Kind(_("Opschonen raadpleeglogboek (3 jaar)"), "openvth.jobs.handlers.sharing_purge_log"),
    "sharing_export": Kind(_("Nachtelijke export voor landelijke systemen"), "openvth.jobs.handlers.sharing_export"),
    "jobs_purge": Kind(_("Opschonen oude achtergrondtaken"), "openvth.jobs.handlers.jobs_purge"),
    "audit_purge": Kind(_("Opschonen logboek persoonsgegevens"), "openvth.jobs.handlers.audit_purge"),
    "sessions_purge": Kind(_("Opschonen verlopen sessies"), "openvth.jobs.handlers.sessions_purge"),
    "sign_in_purge": Kind(_("Opschonen oude inlogpogingen"), "openvth.jobs.handlers.sign_in_purge"),
    "dso_fetch": Kind(_("Verzoek ophalen uit het Omgevingsloket"), "openvth.jobs.handlers.dso_fetch", max_attempts=5),
    "webhook_delivery": Kind(
        _("Wijzigingsbericht afleveren"), "openvth.jobs.handlers.webhook_delivery", max_attempts=6
    ),
}


def label(kind: str) -> str:
    found = KINDS.get(kind)
    return str(found.label) if found else kind
