"""Where events come from: Django signals of the other apps' models, connected in WebhooksConfig.ready(), so no
service of another app calls this one. Each receiver only notes what happened; the event is recorded and sent after
the transaction commits (`transaction.on_commit`, robust: a failing notification never fails the change itself,
it is logged), and never for a change that is rolled back.

- supervision.Inspection saved with status `closed` where it was not (the status as loaded is kept on the instance
  by post_init, no extra query) -> nl.openvth.inspection.closed
- supervision.Finding created -> nl.openvth.finding.created
- enforcement.EnforcementCase created -> nl.openvth.enforcement-case.opened
- enforcement.CaseTransition created (each step and decision; not the first, which the case's opening is)
  -> nl.openvth.enforcement-case.step
- disclosure.Publication saved as `published` or `withdrawn` where it was not -> publication.published/withdrawn
- permits.Decision created (permits.services.record_decision sends post_save after its bulk_create), or a
  permits.Application saved as decided (the same event, recorded once: same key) -> nl.openvth.permit-decision.created

Rows made with bulk_create or QuerySet.update (the synthetic data, imports) send no signals and make no events.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_init, post_save
from django.urls import NoReverseMatch, reverse

from openvth.sharing.models import RecordKind

from . import events

PREVIOUS = "_webhooks_status"  # the status the instance was loaded (or last saved) with


def _link(name: str, pk: int) -> str:
    try:
        path = reverse(name, kwargs={"pk": pk})
    except NoReverseMatch:  # the API moved: still a stable link to the record
        path = f"/api/v1/{name.removesuffix('-detail')}s/{pk}"
    return settings.SITE_URL.rstrip("/") + path


# what an event says about its record: (record kind, model label, record id, owner id, establishment id, data, link)
def describe(event_type: str, record) -> dict:
    if event_type == events.INSPECTION_CLOSED:
        return _fields(RecordKind.INSPECTIONS, record, record.owner_id, record.establishment_id, "inspection-detail")
    if event_type == events.FINDING_CREATED:
        inspection = record.inspection
        fields = _fields(RecordKind.FINDINGS, record, inspection.owner_id, inspection.establishment_id, "")
        fields["data"]["inspection"] = inspection.pk
        fields["dataref"] = _link("inspection-detail", inspection.pk)  # a finding is read with its inspection
        return fields
    if event_type == events.CASE_OPENED:
        return _fields(
            RecordKind.ENFORCEMENT_CASES, record, record.owner_id, record.establishment_id, "enforcement-case-detail"
        )
    if event_type == events.CASE_STEP:
        case = record.case
        fields = _fields(RecordKind.ENFORCEMENT_CASES, case, case.owner_id, case.establishment_id, "")
        fields["data"] |= {"step": record.pk, "event": record.event, "from_state": record.from_state,
                           "to_state": record.to_state}  # fmt: skip
        fields["dataref"] = _link("enforcement-case-detail", case.pk)
        fields["key_id"] = record.pk
        return fields
    if event_type in (events.PUBLICATION_PUBLISHED, events.PUBLICATION_WITHDRAWN):
        kind = RecordKind.INSPECTIONS if record.inspection_id else RecordKind.ENFORCEMENT_CASES
        fields = _fields(kind, record, record.owner_id, record.establishment_id, "public-publication-detail")
        fields["data"] |= {"kind": record.kind, "inspection": record.inspection_id, "letter": record.letter_id}
        return fields
    if event_type == events.PERMIT_DECISION_CREATED:
        fields = _fields(RecordKind.PERMITS, record, record.owner_id, record.establishment_id, "decision-detail")
        fields["data"]["kind"] = record.kind
        return fields
    raise ValueError(f"Onbekende soort gebeurtenis: {event_type}")


def _fields(kind: str, record, owner_id: int, establishment_id: int | None, link: str) -> dict:
    return {
        "record_kind": kind,
        "record_model": record._meta.label,
        "record_id": record.pk,
        "owner_id": owner_id,
        "establishment_id": establishment_id,
        "data": {"id": record.pk, "establishment": establishment_id},
        "dataref": _link(link, record.pk) if link else "",
        "key_id": record.pk,
    }


def _later(event_type: str, label: str, pk: int, moment: str = "") -> None:
    from . import services  # the services record the event once the change is committed

    transaction.on_commit(partial(services.record_event, event_type, label, pk, moment), robust=True)


def _remember(sender, instance, **kwargs) -> None:
    setattr(instance, PREVIOUS, instance.__dict__.get("status"))  # never a query for a deferred field


def _became(instance, status: str) -> bool:
    before = getattr(instance, PREVIOUS, None)
    setattr(instance, PREVIOUS, instance.__dict__.get("status"))
    return instance.__dict__.get("status") == status and before != status


def inspection_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw and _became(instance, "closed"):
        _later(events.INSPECTION_CLOSED, "supervision.Inspection", instance.pk, _moment(instance.closed_at))


def finding_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        _later(events.FINDING_CREATED, "supervision.Finding", instance.pk)


def case_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        _later(events.CASE_OPENED, "enforcement.EnforcementCase", instance.pk)


def transition_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw and instance.from_state:
        _later(events.CASE_STEP, "enforcement.CaseTransition", instance.pk)


def publication_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, PREVIOUS, None)
    if _became(instance, "published"):
        _later(events.PUBLICATION_PUBLISHED, "disclosure.Publication", instance.pk, _moment(instance.published_at))
    elif instance.__dict__.get("status") == "withdrawn" and before != "withdrawn":
        _later(events.PUBLICATION_WITHDRAWN, "disclosure.Publication", instance.pk, _moment(instance.withdrawn_at))


def decision_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        _later(events.PERMIT_DECISION_CREATED, "permits.Decision", instance.pk)


def application_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw and _became(instance, "decided") and instance.decision_id:
        _later(events.PERMIT_DECISION_CREATED, "permits.Decision", instance.decision_id)


def _moment(value) -> str:
    return value.isoformat() if value else ""


def connect() -> None:
    from openvth.disclosure.models import Publication
    from openvth.enforcement.models import CaseTransition, EnforcementCase
    from openvth.permits.models import Application, Decision
    from openvth.supervision.models import Finding, Inspection

    for model in (Inspection, Publication, Application):
        post_init.connect(_remember, sender=model, dispatch_uid=f"webhooks-remember-{model._meta.label}")
    receivers = (
        (Inspection, inspection_saved),
        (Finding, finding_saved),
        (EnforcementCase, case_saved),
        (CaseTransition, transition_saved),
        (Publication, publication_saved),
        (Decision, decision_saved),
        (Application, application_saved),
    )
    for model, receiver in receivers:
        post_save.connect(receiver, sender=model, dispatch_uid=f"webhooks-{model._meta.label}")
