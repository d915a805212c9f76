"""Reads of the publication flow for staff, scoped through `visible_to` (the public site reads disclosure.public).

`public_text` is the one place that turns the source text and the decisions into what the public reads: each
removed span replaced by its Woo ground in square brackets, as the redaction engine writes it ("[5.1.2e]").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Length

from openvth.enforcement import selectors as enforcement_selectors
from openvth.enforcement.models import Letter
from openvth.register.models import Company, Establishment
from openvth.rules.redaction_policy import blacken
from openvth.supervision.models import Complaint, Inspection
from openvth.supervision.selectors import inspections as supervision_selectors

from . import policy
from .models import DisclosureSettings, Publication, RedactionDecision

Status = Publication.Status


def publications(user) -> QuerySet[Publication]:
    return Publication.objects.visible_to(user).select_related(
        "establishment", "owner", "proposed_by", "edited_by", "reviewed_by", "second_reviewed_by", "published_by"
    )


def publication_detail(user, pk: int) -> Publication:
    return publications(user).get(pk=pk)


def queue(user) -> dict[str, QuerySet[Publication]]:
    """The work of the publication officer: proposals to review, approved ones to publish, what is published."""
    visible = publications(user)
    return {status: visible.filter(status=status) for status in (Status.PROPOSED, Status.APPROVED, Status.PUBLISHED)}


def public_text(source: str, decisions: Iterable[RedactionDecision]) -> str:
    redacted = (d for d in decisions if d.decision == RedactionDecision.Decision.REDACT)
    return blacken(source, ((d.start, d.end, d.woo_ground) for d in redacted))


def passage_public_text(source: str, start: int, end: int, decisions: Iterable[RedactionDecision]) -> str:
    """The public text of one passage `source[start:end]` (a provision of a released permit): the removed spans
    that touch it, cut to it, replaced by their Woo ground."""
    redacted = (d for d in decisions if d.decision == RedactionDecision.Decision.REDACT)
    cut = ((max(d.start, start) - start, min(d.end, end) - start, d.woo_ground) for d in redacted)
    return blacken(source[start:end], (c for c in cut if c[0] < c[1]))


@dataclass(frozen=True)
class Segment:
    text: str
    decision: RedactionDecision | None  # None: text between the spans


def segments(source: str, decisions: Iterable[RedactionDecision]) -> list[Segment]:
    """The source text cut at the spans, for the review page's highlighted text."""
    found, position = [], 0
    for decision in sorted(decisions, key=lambda d: d.start):
        if decision.start > position:
            found.append(Segment(source[position : decision.start], None))
        found.append(Segment(source[decision.start : decision.end], decision))
        position = decision.end
    if position < len(source):
        found.append(Segment(source[position:], None))
    return found


def occurrences(source: str, passage: str, decisions: Iterable[RedactionDecision]) -> list[tuple[int, int]]:
    """Every place of a passage in the text that no span covers yet: what "weglakken" of a missed passage adds."""
    covered = [(d.start, d.end) for d in decisions]
    return [
        (m.start(), m.end())
        for m in re.finditer(re.escape(passage.strip()), source)
        if passage.strip() and not any(s <= m.start() and m.end() <= e for s, e in covered)
    ]


def permit_source(user, pk: int) -> Establishment:
    """An establishment the user may see, to propose the release of its permit (DoesNotExist otherwise)."""
    return Establishment.objects.visible_to(user).select_related("company", "municipality").get(pk=pk)


def permit_release(user, establishment: Establishment) -> dict:
    """The releases of the establishment's permit the user may see: `live` the newest published one, `pending` one
    proposed or approved (each None when there is none)."""
    found = publications(user).filter(establishment=establishment, kind=Publication.Kind.PERMIT)
    return {
        "live": found.filter(status=Status.PUBLISHED).order_by("-published_at", "-id").first(),
        "pending": found.filter(status__in=(Status.PROPOSED, Status.APPROVED)).order_by("-id").first(),
    }


def inspection_source(user, pk: int) -> Inspection:
    """An inspection the user may see, to propose its result (DoesNotExist otherwise)."""
    return supervision_selectors.inspections(user).select_related("establishment__company", "owner").get(pk=pk)


def letter_source(user, pk: int) -> Letter:
    """A letter of a case the user may see, to propose the decision (DoesNotExist otherwise)."""
    cases = enforcement_selectors.cases(user)
    return Letter.objects.select_related("case__establishment__company").get(case__in=cases, pk=pk)


def second_approval_required(organisation_id: int) -> bool:
    """The organisation's setting: a second approver for a document with special personal data (Woo 5.1.1d)."""
    return DisclosureSettings.objects.filter(
        organisation_id=organisation_id, second_approval_for_special_data=True
    ).exists()


# --- what the system knows of the names in a text (issue 15: use what the system knows) ---------------------

MIN_NAME = 3  # shorter names and surnames are left to the engine: too many false hits


@dataclass(frozen=True)
class KnownNames:
    """For one text: `keep` the public names (legal persons and establishments of the register, the establishment's
    business address); `remove` the personal ones (officials, complainants, a natural person's trade name), with
    `personal` the register's own personal texts of the subject and `words` the single words (surnames) to remove."""

    keep: tuple[str, ...]
    remove: tuple[str, ...]
    personal: tuple[tuple[str, str], ...]
    words: tuple[str, ...]


def _surname(name: str) -> str:
    """The last word of a name ("Vries" of "Anna de Vries"), to find "toezichthouder Vries" or "De Vries"."""
    words = name.split()
    return words[-1].strip(".,") if words else ""


def known_names(text: str, establishment: Establishment, *, complaints=()) -> KnownNames:
    """What the register, the accounts and the complaints say about the names in `text`."""
    in_text = Value(text, output_field=TextField())  # `doc__contains=F(field)`: rows whose field occurs in the text

    def mentioned(literal: str) -> bool:
        return len(literal) >= MIN_NAME and any(policy.occurrences(literal, text))

    def in_text_rows(rows: QuerySet, field: str, shortest: int, lookup: str = "contains") -> QuerySet:
        """The rows whose `field`, at least `shortest` characters long, occurs in the text (one query)."""
        longer = rows.annotate(n=Length(field)).filter(n__gte=shortest)
        return longer.alias(doc=in_text).filter(**{f"doc__{lookup}": F(field)})

    companies = Company.objects.exclude(legal_form__in=policy.NATURAL_PERSON_FORMS)
    establishments = Establishment.objects.exclude(company__legal_form__in=policy.NATURAL_PERSON_FORMS)
    named = (in_text_rows(rows, "name", 4).values_list("name", flat=True) for rows in (companies, establishments))
    keep = {name for rows in named for name in rows if mentioned(name)}
    if not policy.natural_person(establishment.company):
        keep.add(establishment.name)
    if not policy.personal_address(establishment):
        keep.add(establishment.address)

    users = in_text_rows(get_user_model().objects.all(), "last_name", MIN_NAME, "icontains")
    officials = [(u.get_full_name(), _surname(u.last_name)) for u in users]
    linked = Complaint.objects.filter(Q(pk__in=[c.pk for c in complaints]) | Q(establishment=establishment))
    complainants = {
        *linked.exclude(reporter_name="").values_list("reporter_name", flat=True),
        *in_text_rows(Complaint.objects.all(), "reporter_name", 5).values_list("reporter_name", flat=True),
    }
    people = [*officials, *((name.strip(), _surname(name)) for name in complainants)]
    personal = policy.personal_items(establishment)
    remove = {full for full, _ in people if mentioned(full)} | {
        literal for literal, label in personal if label == policy.TRADE_NAME
    }
    words = {surname for _, surname in people if mentioned(surname)} | {
        w for w in policy.name_words(establishment) if mentioned(w)
    }
    return KnownNames(
        keep=tuple(sorted(keep - remove)),
        remove=tuple(sorted(remove)),
        personal=tuple(sorted(set(personal))),
        words=tuple(sorted(words - keep)),
    )
