"""Mandates, basistaken placements, letter templates and checklists: each change scoped and in the audit page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.core.models import ChangeRecord
from openvth.enforcement.models import LetterTemplate
from openvth.register.models import BasistaakPlacement, DecisionType, Mandate
from openvth.register.services import require_mandate
from openvth.register.tests.factories import MandateFactory
from openvth.supervision.tests.factories import checklist

pytestmark = pytest.mark.django_db


def _grant(client, holder, authority, **fields):
    data = {
        "holder": holder.pk,
        "authority": authority.pk,
        "decision_type": DecisionType.BESTUURLIJKE_BOETE,
        "valid_from": "2026-01-01",
        "valid_to": "",
        "max_amount": "5000,00",
        "reference": "Mandaatbesluit 2026-3",
    }
    return client.post(reverse("administration:mandate_create"), data | fields)


def _audit(client, **query) -> str:
    return client.get(reverse("administration:audit"), query).content.decode()


# --- mandates ------------------------------------------------------------------------------------------------------


def test_grant_a_mandate_with_a_ceiling_that_require_mandate_then_accepts(as_admin, colleague, municipality):
    assert _grant(as_admin, colleague, municipality).status_code == 302
    mandate = Mandate.objects.get(holder=colleague)
    assert (mandate.authority, mandate.max_amount, mandate.valid_to) == (municipality, Decimal("5000.00"), None)
    require_mandate(colleague, municipality, DecisionType.BESTUURLIJKE_BOETE, date(2026, 11, 18), Decimal("4000"))
    html = as_admin.get(reverse("administration:mandates")).content.decode()
    assert "Jan Jurist" in html and "bestuurlijke boete" in html
    html = _audit(as_admin, soort="register.mandate")
    assert "Mandaatbesluit 2026-3" in html and "bestuurlijke boete" in html and "5000.00" in html


def test_bad_mandate_input_gives_dutch_messages(as_admin, colleague, municipality):
    response = _grant(as_admin, colleague, municipality, valid_from="2026-03-01", valid_to="2026-02-01")
    assert response.status_code == 400
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    response = _grant(as_admin, colleague, municipality, max_amount="-5")
    assert "Het bedrag kan niet negatief zijn." in response.content.decode()
    response = _grant(as_admin, colleague, municipality, valid_from="morgen")
    assert "Vul een datum in" in response.content.decode()
    assert not Mandate.objects.exists()


def test_no_mandate_for_another_organisations_user_or_authority(as_admin, stranger, colleague, other_municipality):
    response = _grant(as_admin, stranger, other_municipality)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een waarde uit de lijst." in html and "Vera" not in html
    assert _grant(as_admin, colleague, other_municipality).status_code == 400
    assert not Mandate.objects.exists()


def test_end_a_mandate_sets_its_last_day_and_is_recorded(as_admin, colleague, municipality):
    mandate = MandateFactory(holder=colleague, authority=municipality, valid_from=date(2024, 1, 1))
    url = reverse("administration:mandate_end", args=[mandate.pk])
    response = as_admin.post(url, {"valid_to": "2023-12-31"})
    assert "De laatste dag ligt vóór de begindatum van het mandaat." in response.content.decode()
    assert as_admin.post(url, {"valid_to": "2026-11-30", "note": "uit dienst"}).status_code == 302
    mandate.refresh_from_db()
    assert mandate.valid_to == date(2026, 11, 30) and Mandate.objects.filter(pk=mandate.pk).exists()
    record = ChangeRecord.objects.filter(content_type__model="mandate", object_id=mandate.pk).get()
    assert record.changes == {"valid_to": [None, "2026-11-30"]} and record.note == "uit dienst"
    assert "uit dienst" in _audit(as_admin)


def test_another_organisations_mandate_is_not_found(as_admin, stranger, other_municipality):
    mandate = MandateFactory(holder=stranger, authority=other_municipality)
    url = reverse("administration:mandate_end", args=[mandate.pk])
    assert as_admin.get(url).status_code == 404
    assert as_admin.post(url, {"valid_to": "2026-11-30"}).status_code == 404
    mandate.refresh_from_db()
    assert mandate.valid_to is None


# --- basistaken ----------------------------------------------------------------------------------------------------


def test_change_a_placement_and_see_it_in_the_audit_page(as_admin, municipality, service, category):
    url = reverse("administration:placement", args=[municipality.pk])
    assert as_admin.get(url).status_code == 200
    data = {
        f"{category.code}-placed": "on",
        f"{category.code}-since": "2024-01-01",
        f"{category.code}-mandate_reference": "Besluit 7",
    }
    assert as_admin.post(url, data).status_code == 302
    placement = BasistaakPlacement.objects.get(authority=municipality, task_category=category)
    assert placement.placed and placement.service == service and placement.since == date(2024, 1, 1)
    assert as_admin.post(url, {f"{category.code}-since": "2024-01-01"}).status_code == 302  # no longer placed
    placement.refresh_from_db()
    assert not placement.placed
    record = ChangeRecord.objects.filter(content_type__model="basistaakplacement").latest("id")
    assert record.changes["placed"] == [True, False]
    html = _audit(as_admin, soort="register.basistaakplacement")
    assert "Besluit 7" in html and "Bodemtaken" in html


def test_a_bad_placement_date_is_a_dutch_message(as_admin, municipality, category):
    url = reverse("administration:placement", args=[municipality.pk])
    response = as_admin.post(url, {f"{category.code}-placed": "on", f"{category.code}-since": "31-31-2024"})
    assert response.status_code == 400 and "Vul een datum in" in response.content.decode()
    assert not BasistaakPlacement.objects.exists()


def test_another_services_authority_is_not_found_and_a_non_administrator_refused(
    as_admin, client, other_municipality, municipality, category
):
    for name, args in (("placement", [other_municipality.pk]), ("letter_template", [other_municipality.pk, "warning"])):
        assert as_admin.get(reverse(f"administration:{name}", args=args)).status_code == 404
        assert as_admin.post(reverse(f"administration:{name}", args=args), {}).status_code == 404
    official = UserFactory(organisation=municipality, role=Role.AUTHORITY_OFFICIAL)
    client.force_login(official)
    assert client.get(reverse("administration:placement", args=[municipality.pk])).status_code == 403


# --- letter templates ----------------------------------------------------------------------------------------------


def test_preview_renders_sample_data_without_saving(as_admin, municipality):
    url = reverse("administration:letter_template", args=[municipality.pk, "last_onder_dwangsom"])
    page = as_admin.get(url).content.decode()
    assert "Voorbeeld Metaal B.V." in page and "Gemeente Beheerdorp" in page  # the default text, filled in
    body = "Geachte {{ company.name }}, namens {{ authority.name }}: uiterlijk {{ sanction.term_end|date:'j F Y' }}."
    response = as_admin.post(url, {"body": body, "voorbeeld": "1"})
    html = response.content.decode()
    term_end = clock.today() + timedelta(weeks=4)  # the sample's term: four weeks (16 december 2026 on the default day)
    months = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december")  # fmt: skip
    deadline = f"{term_end.day} {months[term_end.month - 1]} {term_end.year}"
    assert f"Geachte Voorbeeld Metaal B.V., namens Gemeente Beheerdorp: uiterlijk {deadline}." in html
    assert not LetterTemplate.objects.exists()


def test_save_a_letter_template_and_see_before_and_after_in_the_audit(as_admin, admin, municipality):
    url = reverse("administration:letter_template", args=[municipality.pk, "warning"])
    assert as_admin.post(url, {"body": "Eerste tekst {{ company.name }}", "opslaan": "1"}).status_code == 302
    assert as_admin.post(url, {"body": "Tweede tekst {{ company.name }}", "opslaan": "1"}).status_code == 302
    template = LetterTemplate.objects.get(authority=municipality, kind="warning")
    assert template.body == "Tweede tekst {{ company.name }}" and template.updated_by == admin
    record = ChangeRecord.objects.filter(content_type__model="lettertemplate").latest("id")
    assert record.changes["body"] == ["Eerste tekst {{ company.name }}", "Tweede tekst {{ company.name }}"]
    html = _audit(as_admin, soort="enforcement.lettertemplate")
    assert "Eerste tekst" in html and "Tweede tekst" in html


def test_a_broken_letter_template_is_a_dutch_error_and_not_saved(as_admin, municipality):
    url = reverse("administration:letter_template", args=[municipality.pk, "warning"])
    response = as_admin.post(url, {"body": "Geachte {% if %}", "opslaan": "1"})
    assert response.status_code == 400
    assert "Het sjabloon is geen geldige sjabloontekst" in response.content.decode()
    assert as_admin.post(url, {"body": "", "opslaan": "1"}).status_code == 400
    assert not LetterTemplate.objects.exists()
    assert as_admin.get(reverse("administration:letter_template", args=[municipality.pk, "geen"])).status_code == 404


# --- checklists ----------------------------------------------------------------------------------------------------


def test_checklists_are_read_by_an_administrator_and_changed_by_the_national_one(as_admin, client, national):
    version = checklist(name="Tanks beheer", items=2)
    url = reverse("administration:checklist", args=[version.pk])
    assert "Controlepunt 1 v1" in as_admin.get(url).content.decode()
    item = version.items.get(position=1)
    data = {"actie": f"punt-{item.pk}", f"punt-{item.pk}-text": "Tank lekvrij", f"punt-{item.pk}-rule_hint": "Bal 4.1"}
    assert as_admin.post(url, data).status_code == 403
    client.force_login(national)
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.text == "Tank lekvrij"
    assert client.post(url, {"actie": "toevoegen", "nieuw-text": "Vloer vloeistofdicht"}).status_code == 302
    assert version.items.count() == 3
    html = _audit(client, soort="supervision.checklistitem")
    assert "Controlepunt 1 v1" in html and "Tank lekvrij" in html and "Vloer vloeistofdicht" in html


def test_a_used_checklist_version_is_frozen_and_a_new_version_copies_it(client, national):
    from openvth.supervision.tests.factories import InspectionFactory

    version = checklist(name="Tanks gebruikt", items=2)
    InspectionFactory(checklist=version)
    client.force_login(national)
    url = reverse("administration:checklist", args=[version.pk])
    item = version.items.first()
    response = client.post(url, {"actie": f"punt-{item.pk}", f"punt-{item.pk}-text": "Anders"}, follow=True)
    assert "ligt vast" in response.content.decode()
    item.refresh_from_db()
    assert item.text != "Anders"
    response = client.post(url, {"actie": "nieuwe-versie", "valid_from": "2026-12-01"})
    assert response.status_code == 302
    new = version.template.versions.get(number=2)
    assert [i.text for i in new.items.order_by("position")] == [i.text for i in version.items.order_by("position")]
