"""What the publication tests need: a closed inspection and an enforcement decision with personal data in their
text, and a publication officer; publications written straight to the database in every status, for the tests of
the public site."""

import datetime
from datetime import date

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.disclosure.models import Publication
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
