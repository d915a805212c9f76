"""The inspection pages: three users, the htmx answer that is stored at once, the finding form with the provisions
in force, closing and the correction form, uploads."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openvth.core.history import history_of
from openvth.supervision.models import Answer, Finding, Inspection
from openvth.supervision.services import inspections as services
from openvth.testing.clock import AMSTERDAM

from .factories import answer_the_rest, checklist, permit, started_inspection

CONFIRMED = {"bevestigd": "ja"}  # what openvth.js adds when the user confirms (openvth.core.confirm)


@pytest.fixture
def inspection(member, establishment):
    checklist(name="Algemeen (test)")
    return started_inspection(member, establishment)


def url(name, inspection, *args):
    return reverse(f"supervision:{name}", args=[inspection.pk, *args])


def test_pages_for_the_team_and_404_for_an_outsider(client, member, owner, outsider, inspection):
    for user in (member, owner):
        client.force_login(user)
        for page in ("inspection", "report"):
            assert client.get(url(page, inspection)).status_code == 200
        assert client.get(reverse("supervision:inspections")).status_code == 200
    client.force_login(outsider)
    for page in ("inspection", "report", "report_pdf", "finding_new", "inspection_correct"):
        assert client.get(url(page, inspection)).status_code == 404
    assert "Chemie Delfzijl" not in client.get(reverse("supervision:inspections")).content.decode()


def test_a_reader_sees_the_checklist_without_controls(client, owner, inspection):
    client.force_login(owner)  # a permit officer of the service: may read, not write
    page = client.get(url("inspection", inspection)).content.decode()
    assert inspection.checklist.items.first().text in page
    assert "hx-post" not in page and "Inspectie afsluiten" not in page
    item = inspection.checklist.items.first()
    assert client.post(url("answer_save", inspection, item.pk), {"result": "compliant"}).status_code == 403


def test_an_htmx_answer_is_stored_at_once_and_says_so(client, member, inspection):
    client.force_login(member)
    item = inspection.checklist.items.get(position=2)
    response = client.post(
        url("answer_save", inspection, item.pk),
        {"result": "not_compliant", "note": "Lekbak vol"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Opgeslagen" in body and "Bevinding vastleggen" in body and 'id="punt-2"' in body
    answer = Answer.objects.get(inspection=inspection, item=item)
    assert (answer.result, answer.note) == ("not_compliant", "Lekbak vol")


def test_the_saved_time_is_the_clocks(client, member, inspection, clock):
    clock.move_to(datetime.datetime(2026, 11, 18, 14, 37, tzinfo=AMSTERDAM))
    client.force_login(member)
    item = inspection.checklist.items.first()
    answer = client.post(url("answer_save", inspection, item.pk), {"result": "compliant"}, HTTP_HX_REQUEST="true")
    summary = client.post(url("summary_save", inspection), {"summary": "Alles op orde."}, HTTP_HX_REQUEST="true")
    for response in (answer, summary):
        assert response.status_code == 200
        assert "Opgeslagen <time>14:37:" in response.content.decode()


def test_a_refused_htmx_answer_says_why(client, member, inspection):
    client.force_login(member)
    item = inspection.checklist.items.first()
    response = client.post(url("answer_save", inspection, item.pk), {"result": "misschien"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422 and "Kies voldoet" in response.content.decode()
    assert not Answer.objects.exists()


def test_the_finding_form_offers_the_provisions_in_force_and_stores_a_finding(
    client, owner, member, establishment, inspection
):
    permit(owner, establishment)
    client.force_login(member)
    page = client.get(url("finding_new", inspection)).content.decode()
    assert "Opslag volgens PGS 15." in page and "brandwerende kast" not in page  # the amendment came in June
    response = client.post(
        url("finding_new", inspection), {"general_rule": "", "consequences": "2", "description": "x"}
    )
    assert "Er is niets opgeslagen" in response.content.decode() and not Finding.objects.exists()
    provision = next(p for p in services.selectors.provisions_in_force(member, inspection) if p.number == "1")
    response = client.post(
        url("finding_new", inspection), {"provision": provision.pk, "consequences": "3", "description": "58 dB(A)"}
    )
    assert response.status_code == 302
    assert Finding.objects.get().provision_number == "1"


def test_close_then_correct_with_a_reason(client, member, inspection):
    client.force_login(member)
    item = inspection.checklist.items.first()
    client.post(url("answer_save", inspection, item.pk), {"result": "not_compliant"})
    client.post(url("inspection_close", inspection), CONFIRMED)
    assert Inspection.objects.get(pk=inspection.pk).status == "open"  # a finding is missing
    answer = Answer.objects.get()
    client.post(
        url("finding_new", inspection),
        {"answer": answer.pk, "general_rule": "Bal art. 2.11", "consequences": "1", "description": "Vuil"},
    )
    client.post(url("inspection_close", inspection), CONFIRMED)
    assert Inspection.objects.get(pk=inspection.pk).status == "open"  # the other items are not answered
    answer_the_rest(member, inspection)
    client.post(url("inspection_close", inspection), CONFIRMED)
    assert Inspection.objects.get(pk=inspection.pk).status == "closed"
    response = client.post(url("answer_save", inspection, item.pk), {"result": "compliant"}, follow=True)
    assert "is afgesloten op" in response.content.decode()
    response = client.post(
        url("inspection_correct", inspection),
        {"oordeel-item": item.pk, "oordeel-result": "compliant", "oordeel-correction": ""},
    )
    assert "Reden van de correctie: Dit veld is vereist." in response.content.decode()
    client.post(
        url("inspection_correct", inspection),
        {"oordeel-item": item.pk, "oordeel-result": "compliant", "oordeel-correction": "Verkeerd aangetikt"},
    )
    answer.refresh_from_db()
    assert answer.result == "compliant"
    assert history_of(answer).first().note == "Verkeerd aangetikt"
    assert "Correctie" in client.get(url("inspection", inspection)).content.decode()


def test_a_photo_is_uploaded_and_served_to_readers_only(client, member, outsider, inspection, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    photo = SimpleUploadedFile("tank.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, content_type="image/jpeg")
    client.post(url("attachment_add", inspection), {"file": photo, "caption": "Tank 4"})
    attachment = inspection.attachments.get()
    page = client.get(url("inspection", inspection)).content.decode()
    assert 'accept="image/*" capture="environment"' in page and "Tank 4" in page
    assert client.get(url("attachment", inspection, attachment.pk)).status_code == 200
    client.force_login(outsider)
    assert client.get(url("attachment", inspection, attachment.pk)).status_code == 404


def test_plan_an_inspection_from_the_form(client, member, establishment):
    client.force_login(member)
    response = client.post(
        reverse("supervision:inspection_new"),
        {
            "kvk_vestigingsnummer": establishment.kvk_vestigingsnummer,
            "kind": "thematic",
            "planned_on": "2024-09-01",
            "inspectors": [member.pk],
        },
    )
    inspection = Inspection.objects.get()
    assert (
        response.status_code == 302 and inspection.kind == "thematic" and list(inspection.inspectors.all()) == [member]
    )


def test_admin_checklists_editable_until_used_and_inspections_read_only(client, inspection, django_user_model):
    admin_user = django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "geheim-wachtwoord-1")
    client.force_login(admin_user)
    used = reverse("admin:supervision_checklistversion_change", args=[inspection.checklist_id])
    assert 'name="items-0-text"' not in client.get(used).content.decode()  # frozen: an inspection uses it
    fresh = checklist(name="Nieuw (test)")
    assert (
        'name="items-0-text"'
        in client.get(reverse("admin:supervision_checklistversion_change", args=[fresh.pk])).content.decode()
    )
    assert client.get(reverse("admin:supervision_checklisttemplate_changelist")).status_code == 200
    assert client.get(reverse("admin:supervision_inspection_change", args=[inspection.pk])).status_code == 200
    assert client.get(reverse("admin:supervision_inspection_add")).status_code == 403


def test_plan_an_inspection_from_the_establishment_page_with_nothing_to_type(client, member, owner, establishment):
    checklist(name="Algemeen (test)")
    new = f"{reverse('supervision:inspection_new')}?vestiging={establishment.pk}"
    for page in (
        reverse("register:establishment", args=[establishment.pk]),
        reverse("supervision:dossier", args=[establishment.pk]),
    ):
        client.force_login(member)
        assert f'href="{new.replace("&", "&amp;")}"' in client.get(page).content.decode()
        client.force_login(owner)  # a permit officer reads the establishment but plans no inspection
        assert "Inspectie plannen" not in client.get(page).content.decode()
    client.force_login(member)
    form = client.get(new).content.decode()
    assert establishment.name in form and 'name="kvk_vestigingsnummer"' not in form
    response = client.post(new, {"kind": "routine", "planned_on": "2026-12-01", "inspectors": [member.pk]})
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("supervision:inspection", args=[inspection.pk])
    assert inspection.establishment == establishment and list(inspection.inspectors.all()) == [member]


def test_not_applicable_needs_a_reason_before_closing_on_the_page(client, member, inspection):
    client.force_login(member)
    items = list(inspection.checklist.items.all())
    for item in items[1:]:
        client.post(url("answer_save", inspection, item.pk), {"result": "compliant", "note": ""})
    client.post(url("answer_save", inspection, items[0].pk), {"result": "not_applicable", "note": ""})
    page = client.get(url("inspection", inspection)).content.decode()
    assert "Niet van toepassing" in page
    response = client.post(url("inspection_close", inspection), CONFIRMED, follow=True)
    assert "geef de reden" in response.content.decode()
    assert Inspection.objects.get(pk=inspection.pk).status == "open"
    client.post(url("answer_save", inspection, items[0].pk), {"result": "not_applicable", "note": "Geen tanks."})
    client.post(url("inspection_close", inspection), CONFIRMED)
    assert Inspection.objects.get(pk=inspection.pk).status == "closed"


def test_closing_asks_first_and_a_refusal_gives_its_reason_at_once(client, member, inspection):
    client.force_login(member)
    refused = client.post(url("inspection_close", inspection), follow=True)  # not every item answered
    assert "Beantwoord eerst elk controlepunt" in refused.content.decode()
    answer_the_rest(member, inspection)
    asked = client.post(url("inspection_close", inspection))
    assert (
        asked.status_code == 200
        and "Inspectie afsluiten? Daarna kunt u alleen nog corrigeren." in asked.content.decode()
    )
    assert Inspection.objects.get(pk=inspection.pk).status == "open"  # the rehearsal was rolled back
    client.post(url("inspection_close", inspection), CONFIRMED)
    assert Inspection.objects.get(pk=inspection.pk).status == "closed"
