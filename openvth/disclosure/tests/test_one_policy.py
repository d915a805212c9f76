"""One policy for everything published (docs/domain.md §8): a sole trader's and a V.O.F.'s inspection result go
through the whole flow and their names, KvK numbers and addresses are in no public field (page, company page, feed,
open data, public API, PDF, DiWoo); the proposal uses what the system knows (officials, complainants, the register)."""

import io

import pyarrow.parquet as pq
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from openvth.accounts.tests.factories import UserFactory
from openvth.disclosure import policy, services
from openvth.register.models import Company
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory
from openvth.supervision.models import Complaint
from openvth.testing.pdf import pdf_text

from .factories import closed_inspection, officer

pytestmark = pytest.mark.django_db

SOLE_TRADER_TEXT = (
    "Aanwezig was de eigenaar, de heer P. Pietersen. Loodgieter Pietersen (KvK 87654321) werkt vanuit de woning "
    "aan de Wilgenlaan 3, 9934 AB Farmsum. Toezichthouder Smeets stelde vast dat de melding van Karin Vos over "
    "geluid terecht was. Het afval gaat naar Chemie Delfzijl B.V.; Pietersen zegde toe de opslag te verbeteren."
)
VOF_TEXT = (
    "Bakkerij Van Dam V.O.F. (KvK 76543210) aan de Marktstraat 5 in Appingedam. Vennoot J. van Dam was aanwezig. "
    "De oven van Bakkerij Van Dam stond zonder keuring; toezichthouder Anna Smeets gaf een termijn van 4 weken."
)
PERSONAL = [
    "Pietersen", "87654321", "000087654321", "Wilgenlaan", "9934 AB",  # the sole trader
    "Van Dam", "van Dam", "76543210", "000076543210", "Marktstraat",  # the V.O.F. and its partner
    "Smeets", "Karin Vos",  # an official and a complainant
]  # fmt: skip


@pytest.fixture
def world(service, member):
    UserFactory(first_name="Anna", last_name="Smeets", organisation=service)  # an official of the system
    CompanyFactory(owner=service, name="Chemie Delfzijl B.V.")  # a legal person of the register: kept
    sole_trader = EstablishmentFactory(
        owner=service,
        company=CompanyFactory(
            owner=service, name="Loodgieter Pietersen", kvk_number="87654321", legal_form=Company.LegalForm.EENMANSZAAK
        ),
        name="Loodgieter Pietersen", kvk_vestigingsnummer="000087654321", street="Wilgenlaan", house_number=3,
        postcode="9934 AB", place="Farmsum", is_home_address=True,
    )  # fmt: skip
    vof = EstablishmentFactory(
        owner=service,
        company=CompanyFactory(
            owner=service, name="Bakkerij Van Dam V.O.F.", kvk_number="76543210", legal_form=Company.LegalForm.VOF
        ),
        name="Bakkerij Van Dam", kvk_vestigingsnummer="000076543210", street="Marktstraat", house_number=5,
        postcode="9901 CD", place="Appingedam",
    )  # fmt: skip
    first = closed_inspection(sole_trader, summary=SOLE_TRADER_TEXT)
    Complaint.objects.create(
        service=service, establishment=sole_trader, inspection=first, subject=Complaint.Subject.NOISE,
        description="Geluid van de werkplaats", location="Farmsum", reporter_name="Karin Vos",
    )  # fmt: skip
    reviewer = officer(service)
    published = []
    for inspection in (first, closed_inspection(vof, summary=VOF_TEXT)):
        proposal = services.propose_inspection(user=member, inspection=inspection)
        services.approve(user=reviewer, publication=proposal)
        published.append(services.publish(user=reviewer, publication=proposal))
    return {"published": published, "companies": [sole_trader.company, vof.company]}


def _public_texts(world) -> dict[str, str]:
    client = Client()
    ids = [p.pk for p in world["published"]]
    urls = [
        reverse("disclosure:public_home"),
        *(reverse("disclosure:public_company", args=[c.pk]) for c in world["companies"]),
        *(reverse(name, args=[pk]) for pk in ids for name in ("disclosure:public_publication",
                                                                "disclosure:public_publication_diwoo")),
        reverse("disclosure:public_feed"),
        reverse("disclosure:public_diwoo_sitemap"),
        *(reverse("disclosure:public_download", args=[fmt]) for fmt in ("csv", "json")),
        "/api/v1/public/publications",
        *(f"/api/v1/public/publications/{pk}" for pk in ids),
        *(f"/api/v1/public/companies/{c.pk}" for c in world["companies"]),
    ]  # fmt: skip
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
    for pk in ids:
        response = client.get(reverse("disclosure:public_publication_pdf", args=[pk]))
        assert response["Content-Type"] == "application/pdf"
        texts[f"pdf {pk}"] = pdf_text(response.content)
    parquet = client.get(reverse("disclosure:public_download", args=["parquet"]))
    table = pq.read_table(io.BytesIO(b"".join(parquet.streaming_content)))
    texts["parquet"] = " ".join(str(v) for row in table.to_pylist() for v in row.values())
    return texts


def test_a_sole_traders_and_a_vofs_name_number_and_address_are_in_no_public_field(world):
    texts = _public_texts(world)
    leaks = {where: found for where, text in texts.items() if (found := [p for p in PERSONAL if p in text])}
    assert not leaks
    # what the public needs stays: the legal person, the place, the provision of the finding, the term
    first, second = world["published"]
    assert "Chemie Delfzijl B.V." in first.public_text and "Delfzijl" in texts[f"pdf {first.pk}"]
    assert "in Appingedam" in second.public_text and "4 weken" in second.public_text

    def label(text: str) -> str:  # of the span that holds `text`
        return next(d.label for d in first.decisions.all() if text in first.source_text[d.start : d.end])

    assert label("Karin Vos") == label("Smeets") == "person" and label("87654321") == policy.KVK_NUMBER


def test_the_title_names_a_natural_person_by_legal_form_and_municipality(world):
    sole_trader, vof = world["published"]
    municipality = sole_trader.establishment.municipality.name
    assert sole_trader.title == f"Inspectieresultaat eenmanszaak in {municipality} (04-03-2024)"
    assert vof.title.startswith("Inspectieresultaat vennootschap onder firma in ")


def test_the_registers_personal_texts_cannot_be_kept(member, world):
    establishment = world["published"][0].establishment
    again = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    trade_name = next(d for d in again.decisions.all() if d.label == policy.TRADE_NAME)
    change = {"id": trade_name.pk, "decision": "keep", "note": "Staat op de gevel"}
    with pytest.raises(ValidationError, match="register"):
        services.decide_spans(user=officer(establishment.owner), publication=again, changes=[change])
    trade_name.refresh_from_db()
    assert trade_name.decision == "redact"


def test_officials_are_removed_but_a_legal_person_with_the_same_surname_is_kept(service, member):
    UserFactory(first_name="Jan", last_name="Bakker", organisation=service)
    CompanyFactory(owner=service, name="Bakker Transport B.V.")
    establishment = EstablishmentFactory(owner=service, name="Chemie Delfzijl B.V.")
    text = "Toezichthouder Bakker zag dat Bakker Transport B.V. het afval ophaalt. Jan Bakker maakte foto's."
    proposal = services.propose_inspection(user=member, inspection=closed_inspection(establishment, summary=text))
    removed = [proposal.source_text[d.start : d.end] for d in proposal.decisions.all()]
    assert "Bakker" in removed and "Jan Bakker" in removed
    assert not any("Transport" in r for r in removed)
    public = services.approve(user=officer(service), publication=proposal).public_text
    assert "Bakker Transport B.V." in public and "Toezichthouder Bakker" not in public


def test_the_policy_knows_the_natural_person_forms_of_the_register():
    for form in Company.LegalForm:
        assert (form in policy.NATURAL_PERSON_FORMS) == Company(legal_form=form).is_natural_person


def test_the_public_guard_removes_what_was_approved_before_the_policy(world):
    establishment = world["published"][0].establishment
    old = "Inspectieresultaat Loodgieter Pietersen: Wilgenlaan 3 (KvK 87654321)."
    assert policy.scrub(old, establishment) == "Inspectieresultaat [5.1.2e]: [5.1.2e] (KvK [5.1.2e])."


def test_the_review_page_shows_the_registers_spans_as_fixed(client, member, world):
    establishment = world["published"][0].establishment
    again = services.propose_inspection(user=member, inspection=closed_inspection(establishment))
    client.force_login(officer(establishment.owner))
    page = client.get(reverse("disclosure:publication", args=[again.pk])).content.decode()
    assert "handelsnaam natuurlijk persoon" in page and "weglakken (persoonsgegeven volgens het register)" in page
