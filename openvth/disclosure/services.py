"""Every write of the Woo publication flow (domain-rules §8): a proposal from a closed inspection or an enforcement
decision with the redaction engine's spans, the reviewer's decision per span (the recorded weighing), approval,
publication and withdrawal.

The transitions are a table (`TRANSITIONS`); each write runs in one transaction, is recorded in the history and
refuses with a Dutch ValidationError or PermissionDenied, storing nothing. Nothing is public before approval:
`public_text` is written only by `approve`, and `Publication.objects.public()` reads published ones only.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openvth.accounts.models import Role
from openvth.core import clock
from openvth.core.history import record_change, snapshot
from openvth.core.models import ChangeRecord
from openvth.core.scoping import author
from openvth.enforcement.models import Letter
from openvth.register.models import Establishment
from openvth.rules.redaction_policy import ABSOLUTE_PREFIX, WOO_GROUNDS, ground
from openvth.supervision.models import Inspection

from . import redaction, selectors
from .models import Publication, RedactionDecision

Status = Publication.Status
Decision = RedactionDecision.Decision

# Woo art. 5.1: the grounds a reviewer may record for a removed passage. The first paragraph's grounds are absolute
# (never public, no weighing); the second paragraph's are weighed against the interest of openness.
MANUAL = "manual"  # the label of a span the reviewer added by hand

# the flow as its allowed steps (from, to): approve, publish, withdraw; nothing goes back
TRANSITIONS = frozenset(
    {(Status.PROPOSED, Status.APPROVED), (Status.APPROVED, Status.PUBLISHED), (Status.PUBLISHED, Status.WITHDRAWN)}
)
PROPOSER_ROLES = frozenset(
    {Role.INSPECTOR, Role.ENFORCEMENT_LAWYER, Role.MANAGER, Role.PUBLICATION_OFFICER, Role.ADMINISTRATOR}
)
REVIEWER_ROLES = frozenset({Role.PUBLICATION_OFFICER, Role.MANAGER})


def may_propose(user, owner_id: int) -> bool:
    return user.is_superuser or (user.role in PROPOSER_ROLES and user.organisation_id == owner_id)


def may_review(user, publication: Publication) -> bool:
    """Reviewing, publishing and withdrawing: a publication officer or manager of the organisation that owns it."""
    return user.is_superuser or (user.role in REVIEWER_ROLES and user.organisation_id == publication.owner_id)


def _check_reviewer(user, publication: Publication) -> None:
    if not may_review(user, publication):
        raise PermissionDenied("Alleen een publicatiemedewerker of manager van de eigenaar mag publicaties beoordelen.")


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


def _step(publication: Publication, to: str) -> None:
    if (publication.status, to) not in TRANSITIONS:
        raise ValidationError(
            f"Een publicatie met status '{publication.get_status_display()}' kan niet naar '{Status(to).label}'."
        )


def is_absolute(decision: RedactionDecision) -> bool:
    """A span the policy removes on an absolute ground (a BSN: Woo 5.1(1)(e)) admits no weighing: it stays removed."""
    return decision.label != MANUAL and ground(decision.label).startswith(ABSOLUTE_PREFIX)


# --- proposals ------------------------------------------------------------------------------------------------


def inspection_text(inspection: Inspection) -> str:
    """The text of an inspection result to publish: where, when, the summary and each finding with its provision."""
    establishment = inspection.establishment
    findings = list(inspection.findings.order_by("id"))
    lines = [
        f"Inspectie bij {establishment.name}, {establishment.address}.",
        f"Uitgevoerd door {inspection.owner.name} op {inspection.performed_on:%d-%m-%Y}"
        f" ({inspection.get_kind_display()}).",
        "",
        inspection.summary.strip() or "Geen samenvatting.",
        "",
    ]
    if not findings:
        lines.append("Bij deze inspectie zijn geen overtredingen vastgesteld.")
    for number, finding in enumerate(findings, start=1):
        provision = (
            f"Vergunningvoorschrift {finding.provision_number}" if finding.provision_number else finding.general_rule
        )
        lines += [f"Bevinding {number}: {provision}", finding.description.strip(), ""]
    return "\n".join(lines).strip() + "\n"


def _context(establishment: Establishment) -> redaction.Context:
    return redaction.Context.for_establishment(
        name=establishment.name,
        address=establishment.address,
        sole_trader=establishment.company.is_natural_person,
        home_address=establishment.is_home_address,
    )


def _propose(*, user, owner_id: int, establishment: Establishment, source: dict, text: str, **fields) -> Publication:
    """`source` is the record the text comes from ({"inspection": …} or {"letter": …}): one live publication each."""
    if not may_propose(user, owner_id):
        raise PermissionDenied("Alleen medewerkers van de eigenaar mogen een publicatie voorstellen.")
    if Publication.objects.filter(**source).exclude(status=Status.WITHDRAWN).exists():
        raise ValidationError("Hiervoor bestaat al een publicatie die niet is ingetrokken.")
    text = text.replace("\r\n", "\n")  # offsets as a browser counts them
    publication = Publication.objects.create(
        owner_id=owner_id, establishment=establishment, source_text=text, status=Status.PROPOSED, **source, **fields
    )
    RedactionDecision.objects.bulk_create(
        RedactionDecision(
            publication=publication,
            start=span.start,
            end=span.end,
            label=span.label,
            proposed=True,
            decision=Decision.REDACT,
            woo_ground=ground(span.label),
        )
        for span in redaction.find(text, _context(establishment))
    )
    record_change(publication, user=user, action=ChangeRecord.Action.CREATE, note="Publicatie voorgesteld")
    return publication


@transaction.atomic
def propose_inspection(*, user, inspection: Inspection) -> Publication:
    """Propose the result of a closed inspection for publication."""
    if inspection.status != Inspection.Status.CLOSED:
        raise ValidationError("Alleen het resultaat van een afgesloten inspectie kan openbaar worden.")
    establishment = inspection.establishment
    return _propose(
        user=user,
        owner_id=inspection.owner_id,
        establishment=establishment,
        text=inspection_text(inspection),
        source={"inspection": inspection},
        kind=Publication.Kind.INSPECTION_RESULT,
        title=f"Inspectieresultaat {establishment.name} ({inspection.performed_on:%d-%m-%Y})",
        decided_on=inspection.performed_on,
        compliant=not inspection.findings.exists(),
    )


@transaction.atomic
def propose_letter(*, user, letter: Letter) -> Publication:
    """Propose an enforcement decision (a besluit, not a warning or voornemen) for publication."""
    if not letter.is_decision:
        raise ValidationError(f"Een {letter.get_kind_display()} is geen besluit en wordt niet gepubliceerd.")
    case = letter.case
    return _propose(
        user=user,
        owner_id=case.owner_id,
        establishment=case.establishment,
        text=letter.body,
        source={"letter": letter},
        kind=Publication.Kind.ENFORCEMENT_DECISION,
        title=f"{letter.get_kind_display().capitalize()} {case.establishment.name} ({letter.decided_on:%d-%m-%Y})",
        decided_on=letter.decided_on,
        compliant=False,
    )


# --- review ---------------------------------------------------------------------------------------------------


def _clean_ground(value: str, field: str) -> str:
    if value not in WOO_GROUNDS:
        raise ValidationError({field: [f"Kies een Woo-grond voor een weggelakte passage, niet '{value}'."]})
    return value


def _reviewable(user, publication: Publication) -> Publication:
    publication = _locked(publication)
    _check_reviewer(user, publication)
    if publication.status != Status.PROPOSED:
        raise ValidationError("Alleen een voorstel kan nog worden beoordeeld.")
    return publication


@transaction.atomic
def decide_spans(*, user, publication: Publication, changes: list[dict]) -> Publication:
    """The reviewer's decision per span: `changes` holds per span its `id`, `decision` (redact/keep), `woo_ground`
    (required to redact) and `note` (the weighing). A BSN cannot be kept (Woo 5.1(1)(e) is absolute)."""
    publication = _reviewable(user, publication)
    spans = {d.pk: d for d in publication.decisions.all()}
    for change in changes:
        span = spans.get(change.get("id"))
        if span is None:
            raise ValidationError({"id": [f"Passage {change.get('id')} hoort niet bij deze publicatie."]})
        before = snapshot(span)
        text = publication.source_text[span.start : span.end]
        span.decision = change.get("decision", span.decision)
        if span.decision not in Decision.values:
            raise ValidationError({"decision": [f"Kies weglakken of openbaar, niet '{span.decision}'."]})
        span.note = (change.get("note", span.note) or "").strip()
        if span.decision == Decision.KEEP:
            if is_absolute(span):
                raise ValidationError(
                    {
                        "decision": [
                            f"'{text}' valt onder een absolute weigergrond ({ground(span.label)}) en blijft weggelakt."
                        ]
                    }
                )
            if not span.note:
                raise ValidationError({"note": [f"Licht toe waarom '{text}' openbaar wordt."]})
            span.woo_ground = ""
        elif is_absolute(span):
            span.woo_ground = ground(span.label)
        else:
            span.woo_ground = _clean_ground(change.get("woo_ground", span.woo_ground), "woo_ground")
        span.full_clean(exclude=["publication"])
        span.save()
        if snapshot(span) != before:
            record_change(span, user=user, action=ChangeRecord.Action.UPDATE, before=before, note=f"Passage '{text}'")
    return publication


@transaction.atomic
def add_spans(*, user, publication: Publication, spans: list[tuple[int, int]], woo_ground: str, note: str = ""):
    """Passages the engine missed, removed on the chosen ground; each within the text and apart from the others."""
    publication = _reviewable(user, publication)
    woo_ground = _clean_ground(woo_ground, "woo_ground")
    if not spans:
        raise ValidationError({"spans": ["Geef ten minste één passage."]})
    length = len(publication.source_text)
    taken = [(d.start, d.end) for d in publication.decisions.all()]
    added = []
    for start, end in sorted(spans):
        if not 0 <= start < end <= length:
            raise ValidationError({"start": [f"Een passage ligt binnen de tekst (0 tot {length}) en is niet leeg."]})
        if overlap := next(((s, e) for s, e in taken if s < end and start < e), None):
            raise ValidationError(
                {"start": [f"De passage {start}–{end} overlapt met passage {overlap[0]}–{overlap[1]}; pas die aan."]}
            )
        taken.append((start, end))
        span = RedactionDecision.objects.create(
            publication=publication, start=start, end=end, label=MANUAL, proposed=False,
            decision=Decision.REDACT, woo_ground=woo_ground, note=note.strip(),
        )  # fmt: skip
        record_change(span, user=user, action=ChangeRecord.Action.CREATE, note="Passage met de hand toegevoegd")
        added.append(span)
    return added


@transaction.atomic
def approve(*, user, publication: Publication) -> Publication:
    """Fix the public text from the decisions: the reviewer's approval, without which nothing is public."""
    publication = _locked(publication)
    _check_reviewer(user, publication)
    _step(publication, Status.APPROVED)
    before = snapshot(publication)
    publication.public_text = selectors.public_text(publication.source_text, publication.decisions.all())
    publication.status = Status.APPROVED
    publication.reviewed_by, publication.reviewed_at = author(user), clock.now()
    publication.save()
    record_change(publication, user=user, action=ChangeRecord.Action.UPDATE, before=before, note="Goedgekeurd")
    return publication


@transaction.atomic
def publish(*, user, publication: Publication) -> Publication:
    publication = _locked(publication)
    _check_reviewer(user, publication)
    _step(publication, Status.PUBLISHED)
    before = snapshot(publication)
    publication.status, publication.published_at = Status.PUBLISHED, clock.now()
    publication.save()
    record_change(publication, user=user, action=ChangeRecord.Action.UPDATE, before=before, note="Gepubliceerd")
    return publication


@transaction.atomic
def withdraw(*, user, publication: Publication, reason: str) -> Publication:
    publication = _locked(publication)
    _check_reviewer(user, publication)
    _step(publication, Status.WITHDRAWN)
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Geef de reden van de intrekking."]})
    before = snapshot(publication)
    publication.status, publication.withdrawn_at = Status.WITHDRAWN, clock.now()
    publication.withdraw_reason = reason.strip()
    publication.save()
    record_change(publication, user=user, action=ChangeRecord.Action.UPDATE, before=before, note="Ingetrokken")
    return publication
