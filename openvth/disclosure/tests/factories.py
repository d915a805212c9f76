"""What the publication tests need: a closed inspection and an enforcement decision with personal data in their
text, and a publication officer."""

from datetime import date

from openvth.accounts.models import Role
from openvth.enforcement.models import EnforcementCase, Letter
from openvth.enforcement.tests.factories import FindingFactory, InspectionFactory
from openvth.testing.factories import UserFactory

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
