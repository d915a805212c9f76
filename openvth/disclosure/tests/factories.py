"""What the publication tests need: a closed inspection and an enforcement decision with personal data in their
text, and a publication officer; publications written straight to the database in every status, for the tests of
the public site, a released permit among them."""

import datetime
from datetime import date

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.disclosure.models import Publication, ReleasedDecision, ReleasedProvision
from openvth.enforcement.models import EnforcementCase, Letter
from openvth.supervision.models import Inspection
from openvth.supervision.tests.factories import FindingFactory, InspectionFactory

SUMMARY = (
    "Aanwezig was de bedrijfsleider, de heer Jan Bakker (tel. 06-12345678). "
    "Op een formulier stond BSN 111222333. Het procesrecept R-77 werd vertrouwelijk ter inzage gegeven."
)
DECISION_BODY = (
    "Last onder dwangsom aan Chemie Delfzijl B.V.\n\n"
    "Tijdens de controle sprak de toezichthouder met mevrouw A. de Groot (a.degroot@example.nl).\n"
    "U overtreedt artikel 4.103 van het Bal. De dwangsom bedraagt € 5.000 per week.\n"
)


def officer(organisation, **kwargs):
    return UserFactory(organisation=organisation, role=Role.PUBLICATION_OFFICER, **kwargs)


def closed_inspection(establishment, *, summary: str = SUMMARY, findings: int = 1):
    inspection = InspectionFactory(establishment=establishment, summary=summary, performed_on=date(2024, 3, 4))
    for _ in range(findings):
        FindingFactory(inspection=inspection)
    return inspection


def decision_letter(establishment, signer, *, kind=Letter.Kind.DWANGSOM, body: str = DECISION_BODY) -> Letter:
    case = EnforcementCase.objects.create(
        owner=establishment.owner, competent_authority=establishment.competent_authority,
        establishment=establishment, reference=f"HH-{establishment.pk}-{kind}", route="herstel", state="last_opgelegd",
        opened_on=date(2024, 3, 10), opened_by=signer,
    )  # fmt: skip
    return Letter.objects.create(
        case=case, kind=kind, reference=f"B-{case.pk}", body=body, decided_on=date(2024, 4, 1), signed_by=signer,
        mandate_type=kind,
    )  # fmt: skip


def publication(establishment, *, status=Publication.Status.PUBLISHED, **fields) -> Publication:
    """A publication of an inspection of `establishment`; reviewed unless proposed, published when published."""
    now = clock.now()
    inspection = Inspection.objects.create(
        owner=establishment.owner, establishment=establishment, kind=Inspection.Kind.ROUTINE
    )
    defaults = {
        "kind": Publication.Kind.INSPECTION_RESULT,
        "title": f"Inspectie {establishment.name}",
        "decided_on": datetime.date(2025, 3, 10),
        "compliant": True,
        "source_text": "Interne tekst.",
        "public_text": "Bij de inspectie is geen overtreding vastgesteld.",
        "reviewed_at": None if status == Publication.Status.PROPOSED else now,
        "published_at": now if status in (Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN) else None,
        "withdrawn_at": now if status == Publication.Status.WITHDRAWN else None,
    }
    return Publication.objects.create(
        owner=establishment.owner, establishment=establishment, inspection=inspection, status=status,
        **defaults | fields,
    )  # fmt: skip


def permit_release(establishment, *, status=Publication.Status.PUBLISHED) -> Publication:
    """A released permit of `establishment`: one grant in force since 1 March 2021 with one provision."""
    now = clock.now()
    text = "Voorschrift 1 (van kracht vanaf 01-03-2021):\nGeluid ten hoogste 50 dB(A).\n\n"
    release = Publication.objects.create(
        owner=establishment.owner, establishment=establishment, kind=Publication.Kind.PERMIT, status=status,
        title=f"Vergunning {establishment.name}", decided_on=date(2021, 2, 15), source_text=text, public_text=text,
        reviewed_at=now, published_at=now if status != Publication.Status.APPROVED else None,
        withdrawn_at=now if status == Publication.Status.WITHDRAWN else None,
    )  # fmt: skip
    grant = ReleasedDecision.objects.create(
        publication=release, reference="OV-2021-001", kind="grant", decided_on=date(2021, 2, 15),
        effective_from=date(2021, 3, 1),
    )  # fmt: skip
    start = text.index("Geluid")
    ReleasedProvision.objects.create(
        publication=release, number="1", valid_from=date(2021, 3, 1), source=grant, start=start,
        end=text.index("\n", start), public_text="Geluid ten hoogste 50 dB(A).",
    )  # fmt: skip
    return release
