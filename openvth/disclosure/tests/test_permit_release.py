"""Open permits (issue 20, item 3): the release of an establishment's permit is a publication like any other (the
engine's redaction of the provision texts, four eyes, published and withdrawn), and the public site shows the
released permit as it stood on any day, nothing before its release and nothing after its withdrawal."""

import csv
import html
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.disclosure import diwoo, services
from openvth.disclosure.models import Publication
from openvth.permits import services as permits
from openvth.register.models import Company
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory
from openvth.synthetic.open_permits import ensure_open_permits_demo

from .factories import officer

pytestmark = pytest.mark.django_db
Status = Publication.Status
PERSONAL = "Contactpersoon voor de geluidsmetingen is de heer Jan Bakker (tel. 06-12345678)."
GRANT = {
    "reference": "OV-2021-001",
    "kind": "grant",
    "decided_on": "2021-02-15",
    "effective_from": "2021-03-01",
    "changes": [
        {"op": "add", "number": "1", "text": "Het geluidsniveau is ten hoogste 50 dB(A) op de erfgrens."},
        {"op": "add", "number": "2", "text": f"De opslag van gevaarlijke stoffen voldoet aan PGS 15. {PERSONAL}"},
        {"op": "add", "number": "10", "text": "Afvalwater wordt geloosd op het vuilwaterriool."},
    ],
}
AMEND = {
    "reference": "OV-2023-014",
    "kind": "amend",
    "decided_on": "2023-05-10",
    "effective_from": "2023-06-01",
    "changes": [
        {"op": "replace", "number": "1", "text": "Het geluidsniveau is ten hoogste 45 dB(A) op de erfgrens."},
        {"op": "revoke", "number": "10"},
    ],
}


def record(user, establishment, *decisions):
    document = {"establishment": establishment.kvk_vestigingsnummer, "decisions": list(decisions)}
    return permits.import_permit_document(user=user, document=document)


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def reviewer(service):
    return officer(service, username="publicatie")


@pytest.fixture
def permitted(owner, establishment):
    record(owner, establishment, GRANT, AMEND)
    return establishment


@pytest.fixture
def release(owner, permitted):
    return services.propose_permit(user=owner, establishment=permitted)


def published(release, reviewer):
    return services.publish(user=reviewer, publication=services.approve(user=reviewer, publication=release))


def public_page(client, establishment, **params):
    return client.get(reverse("disclosure:public_permit", args=[establishment.pk]), params)


# --- the release ------------------------------------------------------------------------------------------------


def test_the_release_holds_every_decision_and_every_version_with_the_engine_s_spans(release, owner):
    assert release.kind == Publication.Kind.PERMIT and release.status == Status.PROPOSED
    assert release.proposed_by == owner and release.decided_on.isoformat() == "2023-05-10"
    assert [(d.reference, d.kind) for d in release.permit_decisions.all()] == [
        ("OV-2021-001", "grant"),
        ("OV-2023-014", "amend"),
    ]
    versions = [(p.number, p.valid_from.isoformat(), p.valid_until) for p in release.permit_provisions.all()]
    assert [(n, f) for n, f, _ in versions] == [("1", "2021-03-01"), ("1", "2023-06-01"), ("2", "2021-03-01"),
                                                 ("10", "2021-03-01")]  # fmt: skip
    provision = release.permit_provisions.get(number="2")
    assert release.source_text[provision.start : provision.end].endswith(PERSONAL)
    removed = {release.source_text[d.start : d.end] for d in release.decisions.all()}
    assert "de heer Jan Bakker" in removed and "06-12345678" in removed
    assert release.public_text == ""  # nothing public before approval


def test_the_approval_fixes_each_provision_s_public_text(release, reviewer):
    services.approve(user=reviewer, publication=release)
    texts = {p.number: p.public_text for p in release.permit_provisions.all() if p.valid_until is None}
    assert texts["1"] == "Het geluidsniveau is ten hoogste 45 dB(A) op de erfgrens."
    assert "Jan Bakker" not in texts["2"] and "06-12345678" not in texts["2"] and "[5.1.2e]" in texts["2"]


def test_who_proposed_the_release_does_not_approve_it(service, permitted):
    manager = UserFactory(username="manager", organisation=service, role=Role.MANAGER)
    release = services.propose_permit(user=manager, establishment=permitted)
    with pytest.raises(PermissionDenied, match="vier-ogenprincipe"):
        services.approve(user=manager, publication=release)


def test_only_a_permit_or_publication_officer_or_manager_of_the_establishment_proposes(member, outsider, permitted):
    for user in (member, outsider):  # an inspector; an inspector elsewhere
        with pytest.raises(PermissionDenied):
            services.propose_permit(user=user, establishment=permitted)
    assert not Publication.objects.exists()


def test_a_publication_officer_proposes_and_another_approves(service, permitted, reviewer):
    colleague = officer(service, username="publicatie-2")
    release = services.propose_permit(user=colleague, establishment=permitted)
    assert published(release, reviewer).status == Status.PUBLISHED


def test_no_release_without_a_decision_nor_a_second_one_under_review(owner, establishment, release):
    other = EstablishmentFactory(owner=establishment.owner, name="Zonder Vergunning B.V.")
    with pytest.raises(ValidationError, match="geen vergunningbesluit"):
        services.propose_permit(user=owner, establishment=other)
    with pytest.raises(ValidationError, match="ter beoordeling"):
        services.propose_permit(user=owner, establishment=establishment)


def test_a_newer_release_replaces_the_published_one_once_a_decision_came(owner, permitted, release, reviewer):
    published(release, reviewer)
    with pytest.raises(ValidationError, match="actueel"):
        services.propose_permit(user=owner, establishment=permitted)
    later = {"reference": "OV-2026-002", "kind": "amend", "decided_on": "2026-10-01", "effective_from": "2026-10-15",
             "changes": [{"op": "add", "number": "3", "text": "Er is een calamiteitenplan."}]}  # fmt: skip
    record(owner, permitted, later)
    newer = published(services.propose_permit(user=owner, establishment=permitted), reviewer)
    release.refresh_from_db()
    assert release.status == Status.WITHDRAWN and str(newer.pk) in release.withdraw_reason
    assert list(Publication.objects.public().filter(kind=Publication.Kind.PERMIT)) == [newer]


# --- the public site --------------------------------------------------------------------------------------------


def test_nothing_is_public_before_the_release_is_published(client, owner, permitted, release, reviewer):
    assert public_page(client, permitted).status_code == 404  # proposed
    services.approve(user=reviewer, publication=release)
    assert public_page(client, permitted).status_code == 404  # approved, not published
    services.publish(user=reviewer, publication=release)
    assert public_page(client, permitted).status_code == 200


def test_an_establishment_without_a_released_permit_has_no_public_permit(client, permitted):
    assert public_page(client, permitted).status_code == 404


def test_the_public_permit_as_it_stood_on_a_day(client, permitted, release, reviewer):
    published(release, reviewer)
    today = public_page(client, permitted)
    assert today.status_code == 200
    provisions = today.context["permit"]["provisions"]
    assert [p["number"] for p in provisions] == ["1", "2"]  # 10 revoked in 2023
    assert provisions[0]["text"].startswith("Het geluidsniveau is ten hoogste 45 dB(A)")
    assert [d["reference"] for d in today.context["permit"]["decisions"]] == ["OV-2023-014", "OV-2021-001"]
    page = today.content.decode()
    assert "Jan Bakker" not in page and "06-12345678" not in page and "[5.1.2e]" in page

    before = public_page(client, permitted, op="2022-01-01")
    assert [p["number"] for p in before.context["permit"]["provisions"]] == ["1", "2", "10"]
    assert before.context["permit"]["provisions"][0]["text"].startswith("Het geluidsniveau is ten hoogste 50 dB(A)")
    assert [d["reference"] for d in before.context["permit"]["decisions"]] == ["OV-2021-001"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-02-28", "Op 28 februari 2021 gold deze vergunning nog niet"),
        ("28-02-2021", "'28-02-2021' is geen datum. Geef de datum als JJJJ-MM-DD"),
        ("2021-02-30", "'2021-02-30' is geen datum"),
        ("gisteren", "'gisteren' is geen datum"),
    ],
)
def test_a_day_before_the_first_decision_or_no_day_is_a_dutch_message(client, permitted, release, reviewer, value,
                                                                       message):  # fmt: skip
    published(release, reviewer)
    response = public_page(client, permitted, op=value)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert "permit" not in response.context


def test_after_the_withdrawal_nothing_is_public_also_not_from_the_cache(client, permitted, release, reviewer):
    published(release, reviewer)
    assert public_page(client, permitted).status_code == 200  # now in the shared cache
    services.withdraw(user=reviewer, publication=release, reason="Op verzoek van het bevoegd gezag.")
    assert public_page(client, permitted).status_code == 404
    company = client.get(reverse("disclosure:public_company", args=[permitted.company_id]))
    assert company.context["permits"] == []


def test_a_natural_person_s_permit_names_no_one(client, owner, service, reviewer):
    company = CompanyFactory(owner=service, name="Loodgieter Pietersen", legal_form=Company.LegalForm.EENMANSZAAK)
    sole_trader = EstablishmentFactory(owner=service, company=company, name="Loodgieter Pietersen",
                                       street="Wilgenlaan", is_home_address=True)  # fmt: skip
    text = "Loodgieter Pietersen houdt de opslag aan de Wilgenlaan op slot."
    grant = GRANT | {"changes": [{"op": "add", "number": "1", "text": text}]}
    record(owner, sole_trader, grant)
    published(services.propose_permit(user=owner, establishment=sole_trader), reviewer)
    page = public_page(client, sole_trader).content.decode()
    assert "Pietersen" not in page and "Wilgenlaan" not in page
    assert "Natuurlijk persoon (naam afgeschermd)" in page


def test_the_company_page_feed_and_sitemap_list_the_released_permit(client, permitted, release, reviewer):
    published(release, reviewer)
    permit_url = reverse("disclosure:public_permit", args=[permitted.pk])
    company = client.get(reverse("disclosure:public_company", args=[permitted.company_id]))
    assert [p["id"] for p in company.context["permits"]] == [release.pk]
    assert company.context["publications"] == []  # the permit is listed as a permit, not among the publications
    assert permit_url in company.content.decode()
    feed = ET.fromstring(client.get(reverse("disclosure:public_feed")).content)
    links = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert any(href.endswith(permit_url) for href in links)
    assert client.get(reverse("disclosure:public_publication", args=[release.pk])).url == permit_url
    sitemap = ET.fromstring(client.get(reverse("disclosure:public_diwoo_sitemap")).content)
    identifiers = [e.text for e in sitemap.iter(f"{{{diwoo.NAMESPACE}}}identifier")]
    assert f"openvth-publicatie-{release.pk}" in identifiers


def test_the_diwoo_metadata_of_a_permit(client, release, reviewer):
    published(release, reviewer)
    xml = ET.fromstring(client.get(reverse("disclosure:public_publication_diwoo", args=[release.pk])).content)
    ns = {"diwoo": diwoo.NAMESPACE}
    category = xml.find(".//diwoo:informatiecategorie", ns)
    assert category.get("resource") == f"{diwoo.TOOI_KERN}/c_46a81018"  # beschikkingen: TOOI has no "vergunningen"
    assert xml.find(".//diwoo:creatiedatum", ns).text == "2023-05-10"
    assert xml.find(".//diwoo:geldigheid/diwoo:begindatum", ns).text == "2021-03-01T00:00:00"


def test_the_open_data_holds_every_version_of_the_released_provisions(client, release, reviewer):
    published(release, reviewer)
    download = "disclosure:public_download_dataset"
    rows = list(csv.DictReader(io.StringIO(b"".join(
        client.get(reverse(download, args=["vergunningvoorschriften", "csv"])).streaming_content
    ).decode())))  # fmt: skip
    assert [(r["number"], r["valid_from"], r["valid_until"]) for r in rows] == [
        ("1", "2021-03-01", "2023-06-01"),
        ("1", "2023-06-01", ""),
        ("2", "2021-03-01", ""),
        ("10", "2021-03-01", "2023-06-01"),
    ]
    assert rows[3]["ended_by_reference"] == "OV-2023-014"
    assert all("Jan Bakker" not in r["text"] for r in rows)
    records = json.loads(
        b"".join(client.get(reverse(download, args=["vergunningvoorschriften", "json"])).streaming_content)
    )
    assert [r["number"] for r in records] == ["1", "1", "2", "10"]
    parquet = client.get(reverse(download, args=["vergunningvoorschriften", "parquet"]))
    table = pq.read_table(io.BytesIO(b"".join(parquet.streaming_content)))
    assert table.num_rows == 4 and table.schema.names == [f["name"] for f in client.get(
        reverse("disclosure:public_fields")).json()["permit_provisions"]]  # fmt: skip
    publications = client.get(reverse("disclosure:public_download", args=["json"]))
    assert [r["kind"] for r in json.loads(b"".join(publications.streaming_content))] == ["permit"]


def test_unpublished_provisions_are_not_in_the_open_data(client, release):
    response = client.get(reverse("disclosure:public_download_dataset", args=["vergunningvoorschriften", "csv"]))
    assert b"".join(response.streaming_content).decode().count("\n") == 1  # the header only


# --- the staff pages --------------------------------------------------------------------------------------------


def test_the_permit_page_proposes_the_release_after_a_confirmation(owner, permitted):
    staff = Client()
    staff.force_login(owner)
    page = staff.get(reverse("permits:permit", args=[permitted.pk]))
    action = reverse("disclosure:propose_permit", args=[permitted.pk])
    assert action in page.content.decode() and "niet openbaar gemaakt" in page.content.decode()
    asked = staff.post(action)
    assert asked.status_code == 200 and "Vrijgave voorstellen" in asked.content.decode()
    assert not Publication.objects.exists()  # nothing before the confirmed post
    done = staff.post(action, {"bevestigd": "ja"})
    assert done.status_code == 302 and done.url == reverse("permits:permit", args=[permitted.pk])
    release = Publication.objects.get(kind=Publication.Kind.PERMIT)
    after = staff.get(reverse("permits:permit", args=[permitted.pk])).content.decode()
    assert reverse("disclosure:publication", args=[release.pk]) in after and action not in after


def test_an_inspector_sees_no_release_button_and_is_refused(member, permitted):
    staff = Client()
    staff.force_login(member)
    action = reverse("disclosure:propose_permit", args=[permitted.pk])
    assert action not in staff.get(reverse("permits:permit", args=[permitted.pk])).content.decode()
    refused = staff.post(action, {"bevestigd": "ja"}, follow=True)
    assert "Alleen een vergunningverlener, publicatiemedewerker of manager" in refused.content.decode()
    assert not Publication.objects.exists()


def test_the_release_waits_in_the_review_queue(owner, release, reviewer):
    staff = Client()
    staff.force_login(reviewer)
    queue = staff.get(reverse("disclosure:publications"))
    assert release in queue.context["queue"][Status.PROPOSED]
    review = staff.get(reverse("disclosure:publication", args=[release.pk]))
    assert review.status_code == 200 and reverse("permits:permit", args=[release.establishment_id]) in (
        review.content.decode()
    )


def test_the_demo_releases_the_permits_of_its_service_once(owner, service, permitted, reviewer, client):
    record(owner, EstablishmentFactory(owner=service), GRANT)  # a second establishment with a permit
    EstablishmentFactory(owner=service)  # and one without: nothing to release
    assert ensure_open_permits_demo([owner, reviewer]) == 2
    assert ensure_open_permits_demo([owner, reviewer]) == 2  # again: nothing new
    released = Publication.objects.filter(kind=Publication.Kind.PERMIT)
    assert released.count() == 2 and {p.proposed_by for p in released} == {owner}
    assert {p.reviewed_by for p in released} == {reviewer}
    assert public_page(client, permitted).status_code == 200
