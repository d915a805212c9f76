"""Letters and decisions of a case. A decision is taken in the transition that decides it, only by a user who holds
a mandate for its decision type and the case's competent authority on that day (docs/domain.md §1); its text comes
from the authority's template or the shipped default (templates/enforcement/letters/) and it is kept as PDF. A
letter stored without PDF (the synthetic data) gets its PDF rendered from its stored text when it is asked for.
"""

from datetime import date

from django.template import Context, Template
from django.template.loader import get_template

from openvth.core.pdf import render_pdf
from openvth.rules import enforcement, lhso

from . import selectors
from .models import EnforcementCase, Letter, Sanction, ToleranceDecision


def _default_body(kind: str) -> str:
    return get_template(f"enforcement/letters/{kind}.txt").template.source


def _context(case: EnforcementCase, letter: Letter, tolerance: ToleranceDecision | None) -> dict:
    found = case.findings.select_related("inspection").order_by("inspection__performed_on", "id")
    findings = list(found)  # `{{ finding }}` prints its whole text (Finding.__str__)
    view = case.deadlines.filter(code="zienswijzetermijn", done_on__isnull=True).order_by("-due_on").first()
    return {
        "case": case,
        "letter": letter,
        "establishment": case.establishment,
        "company": case.establishment.company,
        "authority": case.competent_authority,
        "service": case.owner,
        "findings": findings,
        "inspection_date": findings[0].inspection.performed_on if findings else None,
        "sanction": letter.sanction,
        "tolerance": tolerance,
        "intended": letter.intended,
        "intended_label": lhso.INTERVENTION_LABELS.get(letter.intended, ""),
        "view_due": view.due_on if view else None,
        "objection_due": enforcement.objection_deadline(letter.decided_on).due,
    }


def pdf(letter: Letter) -> bytes:
    """The letter's kept PDF, or one rendered from its stored text when none was kept (nothing is written)."""
    if letter.pdf is not None:
        return bytes(letter.pdf)
    return render_pdf("enforcement/letter_pdf.html", {"letter": letter, "case": letter.case})


def issue(
    *,
    user,
    case: EnforcementCase,
    kind: str,
    on: date,
    sanction: Sanction | None = None,
    intended: str = "",
    tolerance: ToleranceDecision | None = None,
    draft: bool = False,
) -> Letter:
    """Render, sign and keep the letter of a transition (the caller checked the mandate in the same transaction).
    A draft (services.draft_step, rolled back) gets its text only: the PDF is made when it is signed."""
    number = case.letters.count() + 1
    letter = Letter(
        case=case,
        kind=kind,
        sanction=sanction,
        intended=intended,
        reference=f"{case.reference}-B{number:02d}",
        decided_on=on,
        signed_by=user,
        mandate_type=intended or kind,
    )
    own = selectors.letter_template(case.competent_authority, kind)
    source = own.body if own is not None else _default_body(kind)
    letter.body = Template(source).render(Context(_context(case, letter, tolerance), autoescape=False)).strip()
    if not draft:
        letter.pdf = render_pdf("enforcement/letter_pdf.html", {"letter": letter, "case": case})
    letter.save()  # logged with the transition that took it
    return letter
