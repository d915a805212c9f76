"""Reads of the publication flow for staff, scoped through `visible_to` (the public site reads disclosure.public).

`public_text` is the one place that turns the source text and the decisions into what the public reads: each
removed span replaced by its Woo ground in square brackets, as the redaction engine writes it ("[5.1.2e]").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from openvth.enforcement import selectors as enforcement_selectors
from openvth.enforcement.models import Letter
from openvth.rules.redaction_policy import blacken
from openvth.supervision.models import Inspection
from openvth.supervision.selectors import inspections as supervision_selectors

from .models import Publication, RedactionDecision

Status = Publication.Status


def publications(user) -> QuerySet[Publication]:
    return Publication.objects.visible_to(user).select_related("establishment", "owner", "reviewed_by")


def publication_detail(user, pk: int) -> Publication:
    return publications(user).get(pk=pk)


def queue(user) -> dict[str, QuerySet[Publication]]:
    """The work of the publication officer: proposals to review, approved ones to publish, what is published."""
    visible = publications(user)
    return {status: visible.filter(status=status) for status in (Status.PROPOSED, Status.APPROVED, Status.PUBLISHED)}


def public_text(source: str, decisions: Iterable[RedactionDecision]) -> str:
    redacted = (d for d in decisions if d.decision == RedactionDecision.Decision.REDACT)
    return blacken(source, ((d.start, d.end, d.woo_ground) for d in redacted))


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


def inspection_source(user, pk: int) -> Inspection:
    """An inspection the user may see, to propose its result (DoesNotExist otherwise)."""
    return supervision_selectors.inspections(user).select_related("establishment__company", "owner").get(pk=pk)


def letter_source(user, pk: int) -> Letter:
    """A letter of a case the user may see, to propose the decision (DoesNotExist otherwise)."""
    cases = enforcement_selectors.cases(user)
    return Letter.objects.select_related("case__establishment__company").get(case__in=cases, pk=pk)
