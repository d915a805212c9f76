"""Every write of the Woo publication flow (docs/domain.md §8): a proposal from a closed inspection, an enforcement
decision or an establishment's permit (its release) with the redaction engine's spans, the reviewer's decision per
span (the recorded weighing), approval, publication and withdrawal.

One policy for everything published (`policy`): the title names a natural-person enterprise by its legal form and
municipality, and the proposal passes the engine what the system knows (names to keep and to remove) and adds the
register's personal texts of the subject, which no reviewer can keep. Four eyes: who proposed or last edited the
redaction does not approve it, and an organisation can require a second approver for special personal data.

The transitions are a table (`TRANSITIONS`); each write runs in one transaction, is recorded in the history and
refuses with a Dutch ValidationError or PermissionDenied, storing nothing. Nothing is public before approval:
`public_text` is written only by `approve`, and `Publication.objects.public()` reads published ones only.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openvth.core import clock
from openvth.core.history import record_change, snapshot, update_recorded
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import author
from openvth.enforcement.models import Letter
from openvth.notifications import services as notifications
from openvth.permits import selectors as permit_selectors
from openvth.register.models import Establishment
from openvth.rules.redaction_policy import ABSOLUTE_PREFIX, PRIVACY, WOO_GROUNDS, Span, ground
from openvth.supervision.models import Inspection

from . import policy, redaction, selectors
from .models import Publication, RedactionDecision, ReleasedDecision, ReleasedProvision

Status = Publication.Status
Decision = RedactionDecision.Decision

# Woo art. 5.1: the grounds a reviewer may record for a removed passage. The first paragraph's grounds are absolute
# (never public, no weighing); the second paragraph's are weighed against the interest of openness.
MANUAL = "manual"  # the label of a span the reviewer added by hand
PERSON = "person"  # the engine's label of a natural person's name: also for the names the system knows
SPECIAL_DATA = "5.1.1d"  # Woo art. 5.1(1)(d): bijzondere persoonsgegevens (health, religion, …)

# the flow as its allowed steps (from, to): approve, publish, withdraw; nothing goes back
TRANSITIONS = frozenset(
    {(Status.PROPOSED, Status.APPROVED), (Status.APPROVED, Status.PUBLISHED), (Status.PUBLISHED, Status.WITHDRAWN)}
)


def _check_reviewer(user, publication: Publication) -> None:
    """Reviewing, publishing and withdrawing: a publication officer or manager of the organisation that owns it."""
    check(user, Action.REVIEW_PUBLICATION, publication)


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


def _step(publication: Publication, to: str) -> None:
    if (publication.status, to) not in TRANSITIONS:
        raise ValidationError(
            f"Een publicatie met status '{publication.get_status_display()}' kan niet naar '{Status(to).label}'."
        )


def label_ground(label: str) -> str:
    """The Woo ground of a label: the policy's, and privacy for the register's personal texts."""
    return PRIVACY if label in policy.REGISTER_LABELS else ground(label)


def is_absolute(decision: RedactionDecision) -> bool:
    """A span the policy removes on an absolute ground (a BSN: Woo 5.1(1)(e)) admits no weighing: it stays removed."""
    return decision.label != MANUAL and label_ground(decision.label).startswith(ABSOLUTE_PREFIX)


def is_fixed(decision: RedactionDecision) -> bool:
    """A span no reviewer can keep: an absolute ground, or what the register knows to be personal (a natural
    person's trade name, KvK number or address, a home address: docs/domain.md §8)."""
    return is_absolute(decision) or decision.label in policy.REGISTER_LABELS


def holds_special_data(publication: Publication) -> bool:
    """A passage of special personal data (Woo 5.1(1)(d)), removed on that ground or labelled so by the engine."""
    return any(
        d.woo_ground == SPECIAL_DATA or (d.label != MANUAL and label_ground(d.label) == SPECIAL_DATA)
        for d in publication.decisions.all()
    )


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


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping spans as one, labelled as its longest part; a part on an absolute ground or from the register
    gives the whole its label, so that it stays fixed."""

    def weight(span: Span) -> tuple[bool, bool, int]:
        absolute = label_ground(span.label).startswith(ABSOLUTE_PREFIX)
        return absolute, span.label in policy.REGISTER_LABELS, span.end - span.start

    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            longest = max((last, span), key=weight)
            merged[-1] = Span(last.start, max(last.end, span.end), longest.label)
        else:
            merged.append(span)
    return merged


def proposed_spans(text: str, establishment: Establishment, *, complaints=()) -> list[Span]:
    """The engine's spans with what the system knows passed to it (`keep`, `remove`), and every mention of a known
    personal text or name the engine left: the register's personal texts of the subject wherever they stand, the
    names of officials and complainants and the words of a natural person's trade name unless inside a kept name."""
    known = selectors.known_names(text, establishment, complaints=complaints)
    found = redaction.find(text, redaction.Context(keep=known.keep, remove=known.remove))
    kept = [(m.start(), m.end()) for name in known.keep for m in policy.occurrences(name, text)]

    def mentions(literal: str, label: str, *, keepable: bool) -> list[Span]:
        spans = (Span(m.start(), m.end(), label) for m in policy.occurrences(literal, text))
        return [s for s in spans if not (keepable and any(a <= s.start and s.end <= b for a, b in kept))]

    ours = [span for literal, label in known.personal for span in mentions(literal, label, keepable=False)]
    ours += [span for name in (*known.remove, *known.words) for span in mentions(name, PERSON, keepable=True)]
    known_places = {(s.start, s.end) for s in ours}
    found = [s for s in found if (s.start, s.end) not in known_places]  # the system knows what these are
    return _merged([*found, *ours])


def _one_live(source: dict) -> None:
    """`source` is the record the text comes from ({"inspection": …} or {"letter": …}): one live publication each."""
    if Publication.objects.filter(**source).exclude(status=Status.WITHDRAWN).exists():
        raise ValidationError("Hiervoor bestaat al een publicatie die niet is ingetrokken.")


def _propose(*, user, owner_id: int, establishment: Establishment, source: dict, text: str, complaints=(), **fields):
    """The proposal with the engine's spans; the caller checked who proposes and that no other one is live."""
    text = text.replace("\r\n", "\n")  # offsets as a browser counts them
    publication = Publication.objects.create(
        owner_id=owner_id, establishment=establishment, source_text=text, status=Status.PROPOSED,
        proposed_by=author(user), **source, **fields,
    )  # fmt: skip
    RedactionDecision.objects.bulk_create(
        RedactionDecision(
            publication=publication,
            start=span.start,
            end=span.end,
            label=span.label,
            proposed=True,
            decision=Decision.REDACT,
            woo_ground=label_ground(span.label),
        )
        for span in proposed_spans(text, establishment, complaints=complaints)
    )
    record_change(publication, user=user, action=ChangeRecord.Action.CREATE, note="Publicatie voorgesteld")
    transaction.on_commit(lambda: notifications.approval_requested(publication.pk), robust=True)  # the reviewers
    return publication


@transaction.atomic
def propose_inspection(*, user, inspection: Inspection) -> Publication:
    """Propose the result of a closed inspection for publication."""
    if inspection.status != Inspection.Status.CLOSED:
        raise ValidationError("Alleen het resultaat van een afgesloten inspectie kan openbaar worden.")
    establishment = inspection.establishment
    check(user, Action.PROPOSE_PUBLICATION, inspection.owner_id)
    _one_live({"inspection": inspection})
    return _propose(
        user=user,
        owner_id=inspection.owner_id,
        establishment=establishment,
        text=inspection_text(inspection),
        source={"inspection": inspection},
        complaints=list(inspection.complaints.all()),
        kind=Publication.Kind.INSPECTION_RESULT,
        title=policy.title("Inspectieresultaat", establishment, inspection.performed_on),
        decided_on=inspection.performed_on,
        compliant=not inspection.findings.exists(),
    )


@transaction.atomic
def propose_letter(*, user, letter: Letter) -> Publication:
    """Propose an enforcement decision (a besluit, not a warning or voornemen) for publication."""
    if not letter.is_decision:
        raise ValidationError(f"Een {letter.get_kind_display()} is geen besluit en wordt niet gepubliceerd.")
    case = letter.case
    check(user, Action.PROPOSE_PUBLICATION, case.owner_id)
    _one_live({"letter": letter})
    return _propose(
        user=user,
        owner_id=case.owner_id,
        establishment=case.establishment,
        text=letter.body,
        source={"letter": letter},
        kind=Publication.Kind.ENFORCEMENT_DECISION,
        title=policy.title(letter.get_kind_display().capitalize(), case.establishment, letter.decided_on),
        decided_on=letter.decided_on,
        compliant=False,
    )


def _release_key(decisions) -> list[tuple]:
    return sorted((d.reference, d.kind, d.decided_on, d.effective_from) for d in decisions)


def permit_text(versions) -> tuple[str, list[tuple[int, int]]]:
    """The text of a permit release: every version of every provision under a heading with its number and period,
    and where each version's text stands in it (start, end)."""
    parts, places, position = [], [], 0
    for version in versions:
        until = f" tot {version.valid_until:%d-%m-%Y}" if version.valid_until else ""
        heading = f"Voorschrift {version.number} (van kracht vanaf {version.valid_from:%d-%m-%Y}{until}):\n"
        body = version.text.replace("\r\n", "\n").strip()
        places.append((position + len(heading), position + len(heading) + len(body)))
        parts.append(f"{heading}{body}\n\n")
        position += len(parts[-1])
    return "".join(parts), places


@transaction.atomic
def propose_permit(*, user, establishment: Establishment) -> Publication:
    """Propose the release of the establishment's permit as it stands: its decisions and every version of its
    provisions (so that the public can read the permit as it stood on any day), the provision texts redacted by the
    engine like any publication. One release at a time is under review; a published one stays public until a
    newer release of the same permit is published (then it is withdrawn: `publish`)."""
    check(user, Action.RELEASE_PERMIT, establishment)
    establishment = (
        Establishment.objects.select_for_update().select_related("company", "municipality").get(pk=establishment.pk)
    )
    releases = Publication.objects.filter(establishment=establishment, kind=Publication.Kind.PERMIT)
    if releases.filter(status__in=(Status.PROPOSED, Status.APPROVED)).exists():
        raise ValidationError("Er ligt al een vrijgave van deze vergunning ter beoordeling.")
    decisions = list(permit_selectors.decisions(user, establishment).order_by("effective_from", "decided_on", "id"))
    if not decisions:
        raise ValidationError("Deze vestiging heeft nog geen vergunningbesluit: er is geen vergunning vrij te geven.")
    live = releases.filter(status=Status.PUBLISHED).order_by("-published_at", "-id").first()
    if live is not None and _release_key(live.permit_decisions.all()) == _release_key(decisions):
        raise ValidationError("De vrijgegeven vergunning is actueel: er is sindsdien geen besluit bijgekomen.")
    versions = permit_selectors.permit_versions(user, establishment)
    text, places = permit_text(versions)
    if not text:
        text = "Deze vergunning heeft geen voorschriften.\n"
    latest = max(decisions, key=lambda d: (d.decided_on, d.pk))
    publication = _propose(
        user=user,
        owner_id=getattr(user, "organisation_id", None) or establishment.owner_id,
        establishment=establishment,
        text=text,
        source={},
        kind=Publication.Kind.PERMIT,
        title=policy.title("Vergunning", establishment, latest.decided_on),
        decided_on=latest.decided_on,
        compliant=None,
    )
    released = {
        d.pk: ReleasedDecision.objects.create(
            publication=publication,
            reference=d.reference,
            kind=d.kind,
            decided_on=d.decided_on,
            effective_from=d.effective_from,
        )  # fmt: skip
        for d in decisions
    }
    ReleasedProvision.objects.bulk_create(
        ReleasedProvision(
            publication=publication,
            number=v.number,
            valid_from=v.valid_from,
            valid_until=v.valid_until,
            source=released[v.source_decision_id],
            ended_by=released.get(v.ended_by_id),
            start=start,
            end=end,
        )  # fmt: skip
        for v, (start, end) in zip(versions, places, strict=True)
    )
    return publication


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
    edited = False
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
                            f"'{text}' valt onder een absolute weigergrond ({label_ground(span.label)}) "
                            "en blijft weggelakt."
                        ]
                    }
                )
            if is_fixed(span):
                raise ValidationError(
                    {"decision": [f"'{text}' is volgens het register een persoonsgegeven en blijft weggelakt."]}
                )
            if not span.note:
                raise ValidationError({"note": [f"Licht toe waarom '{text}' openbaar wordt."]})
            span.woo_ground = ""
        elif is_absolute(span):
            span.woo_ground = label_ground(span.label)
        else:
            span.woo_ground = _clean_ground(change.get("woo_ground", span.woo_ground), "woo_ground")
        span.full_clean(exclude=["publication"])
        span.save()
        if snapshot(span) != before:
            record_change(span, user=user, action=ChangeRecord.Action.UPDATE, before=before, note=f"Passage '{text}'")
            edited = True
    if edited:
        _edited(user, publication)
    return publication


def _edited(user, publication: Publication) -> None:
    """The redaction changed: the editor is recorded (four eyes) and an approval already given no longer holds."""
    publication.edited_by, publication.edited_at = author(user), clock.now()
    publication.reviewed_by = publication.reviewed_at = None
    publication.save(update_fields=["edited_by", "edited_at", "reviewed_by", "reviewed_at"])


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
    _edited(user, publication)
    return added


def needs_second_approval(publication: Publication) -> bool:
    return selectors.second_approval_required(publication.owner_id) and holds_special_data(publication)


def approval_refusal(user, publication: Publication) -> str:
    """Why `user` may not approve `publication` now under four eyes ("" when he may): the one who proposed or last
    edited the redaction does not approve it, nor does the first approver give the second approval."""
    if user.pk is not None and user.pk in (publication.proposed_by_id, publication.edited_by_id):
        return (
            "U heeft deze lakking voorgesteld of als laatste bewerkt; een andere beoordelaar moet haar goedkeuren "
            "(vier-ogenprincipe)."
        )
    if publication.reviewed_at is not None and user.pk == publication.reviewed_by_id:
        return (
            "U heeft deze publicatie al goedgekeurd. Zij bevat bijzondere persoonsgegevens (Woo 5.1.1d): "
            "een tweede, andere beoordelaar moet haar ook goedkeuren."
        )
    return ""


@transaction.atomic
def approve(*, user, publication: Publication) -> Publication:
    """Fix the public text from the decisions: the reviewer's approval, without which nothing is public. With
    special personal data and the organisation's setting, the first approval waits for a second approver."""
    publication = _locked(publication)
    _check_reviewer(user, publication)
    _step(publication, Status.APPROVED)
    if refusal := approval_refusal(user, publication):
        raise PermissionDenied(refusal)
    now = clock.now()
    if needs_second_approval(publication) and publication.reviewed_at is None:
        note = "Eerste goedkeuring (bijzondere persoonsgegevens: een tweede beoordelaar keurt ook goed)"
        return update_recorded(publication, {"reviewed_by": author(user), "reviewed_at": now}, user=user, note=note)
    before = snapshot(publication)
    decisions = list(publication.decisions.all())
    publication.public_text = selectors.public_text(publication.source_text, decisions)
    if publication.kind == Publication.Kind.PERMIT:
        provisions = list(publication.permit_provisions.all())
        for provision in provisions:
            provision.public_text = selectors.passage_public_text(
                publication.source_text, provision.start, provision.end, decisions
            )
        ReleasedProvision.objects.bulk_update(provisions, ["public_text"])
    publication.status = Status.APPROVED
    if publication.reviewed_at is None:
        publication.reviewed_by, publication.reviewed_at = author(user), now
    else:
        publication.second_reviewed_by, publication.second_reviewed_at = author(user), now
    publication.save()
    record_change(publication, user=user, action=ChangeRecord.Action.UPDATE, before=before, note="Goedgekeurd")
    return publication


def _report_made_public(user, publication: Publication) -> None:
    """Publishing an inspection result makes its report public: the IED deadline of 4 months (art. 23(6)) ends on
    the day of publication, unless an earlier day was recorded."""
    inspection = Inspection.objects.select_for_update().get(pk=publication.inspection_id)
    if inspection.report_published_on is not None:
        return
    note = f"Rapport openbaar gemaakt met publicatie {publication.pk}"
    update_recorded(inspection, {"report_published_on": clock.today()}, user=user, note=note)


@transaction.atomic
def publish(*, user, publication: Publication) -> Publication:
    publication = _locked(publication)
    _check_reviewer(user, publication)
    _step(publication, Status.PUBLISHED)
    changes = {"status": Status.PUBLISHED, "published_at": clock.now(), "published_by": author(user)}
    update_recorded(publication, changes, user=user, note="Gepubliceerd")
    if publication.inspection_id:
        _report_made_public(user, publication)
    if publication.kind == Publication.Kind.PERMIT:
        _replace_older_releases(user, publication)
    return publication


def _replace_older_releases(user, publication: Publication) -> None:
    """A newer release of a permit replaces the one published before: that one is withdrawn, saying by which."""
    older = Publication.objects.select_for_update().filter(
        establishment_id=publication.establishment_id, kind=Publication.Kind.PERMIT, status=Status.PUBLISHED
    )
    for previous in older.exclude(pk=publication.pk):
        reason = f"Vervangen door de vrijgave van de vergunning in publicatie {publication.pk}."
        changes = {"status": Status.WITHDRAWN, "withdrawn_at": clock.now(), "withdraw_reason": reason}
        update_recorded(previous, changes, user=user, note="Vervangen")


@transaction.atomic
def withdraw(*, user, publication: Publication, reason: str) -> Publication:
    publication = _locked(publication)
    _check_reviewer(user, publication)
    _step(publication, Status.WITHDRAWN)
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Geef de reden van de intrekking."]})
    changes = {"status": Status.WITHDRAWN, "withdrawn_at": clock.now(), "withdraw_reason": reason.strip()}
    return update_recorded(publication, changes, user=user, note="Ingetrokken")
