"""The enforcement pages: every page for the service, 404 for an outsider, the LHSO step from position to case,
a step through the case page (refused ones say why and store nothing), the decision PDF, the queues, the tables."""

import datetime
import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.enforcement import services
from openvth.enforcement.models import EnforcementCase, LhsoDecision, LhsoTableVersion
from openvth.rules import lhso

from .factories import lawyer, perform_reinspection


def ago(days: int) -> datetime.date:
    return clock.today() - datetime.timedelta(days=days)


@pytest.fixture
def case(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(60))
    services.transition(user=jurist, case=case, event="waarschuwen", on=ago(59))
    return case


def test_the_lhso_step_from_position_to_record_to_case(client, jurist, finding):
    client.force_login(jurist)
    url = reverse("enforcement:lhso", args=[finding.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["classify"]["consequences"].value() == 3  # from the finding
    query = f"{url}?consequences=3&behaviour=B&aspects=recidive"
    page = client.get(query)
    assert "Cel B3" in page.content.decode()
    refused = client.post(query, {"chosen": ["bestuurlijke_boete"]})
    assert refused.status_code == 200 and "vraagt een motivering" in refused.content.decode()
    assert not LhsoDecision.objects.exists()
    recorded = client.post(query, {"chosen": list(lhso.DEFAULT_TABLE.cells["B3"])})
    assert recorded.status_code == 302
    assert LhsoDecision.objects.get().aspects == ["recidive"]
    page = client.get(url)
    assert "Handhavingszaak openen" in page.content.decode()
    opened = client.post(
        reverse("enforcement:open_case", args=[finding.pk]), {"route": "herstel", "violation_type": "afval"}
    )
    case = EnforcementCase.objects.get()
    assert opened.url == reverse("enforcement:case", args=[case.pk])


def test_the_case_page_shows_state_deadlines_letters_and_next_steps(client, jurist, case):
    client.force_login(jurist)
    page = client.get(reverse("enforcement:case", args=[case.pk])).content.decode()
    assert "Waarschuwing verzonden, hersteltermijn loopt" in page
    assert "Hersteltermijn" in page and case.deadlines.get().due_on.strftime("%Y") in page
    assert "Herinspectie plannen" in page and "Gedoogbeschikking nemen" in page and "Zaak sluiten" in page
    assert reverse("enforcement:letter_pdf", args=[case.letters.get().pk]) in page


def test_a_step_through_the_page_is_logged(client, jurist, case):
    client.force_login(jurist)
    url = reverse("enforcement:case_step", args=[case.pk, "hercontrole_uitvoeren"])
    day = clock.today() + datetime.timedelta(days=3)
    response = client.post(
        url, {"hercontrole_uitvoeren-planned_on": day.isoformat(), "hercontrole_uitvoeren-note": "x"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    entry = case.transitions.last()
    assert case.state == "hercontrole_na_waarschuwing" and entry.by == jurist and entry.on == clock.today()
    assert entry.reinspection.planned_on == day


def test_a_step_without_mandate_is_refused_on_the_page_and_stores_nothing(client, service, decided, jurist):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(5))
    colleague = lawyer(service, username="zonder-mandaat")
    client.force_login(colleague)
    url = reverse("enforcement:case_step", args=[case.pk, "waarschuwen"])
    response = client.post(url, {"waarschuwen-on": ago(1).isoformat()})
    assert response.status_code == 400
    assert "geen geldig mandaat" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "geconstateerd" and not case.letters.exists()


def test_a_step_the_state_does_not_allow_says_why(client, jurist, case):
    client.force_login(jurist)
    response = client.post(reverse("enforcement:case_step", args=[case.pk, "verbeuren"]))
    assert response.status_code == 400 and "kan niet in stand" in response.content.decode()


def test_the_decision_pdf_downloads(client, jurist, case):
    client.force_login(jurist)
    letter = case.letters.get()
    response = client.get(reverse("enforcement:letter_pdf", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert f'filename="{letter.reference}.pdf"' in response["Content-Disposition"]


def test_an_outsider_gets_404_everywhere(client, outsider, case, decided):
    client.force_login(outsider)
    for url in (
        reverse("enforcement:case", args=[case.pk]),
        reverse("enforcement:lhso", args=[decided.pk]),
        reverse("enforcement:letter_pdf", args=[case.letters.get().pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("enforcement:case_step", args=[case.pk, "sluiten"])).status_code == 404
    assert case.reference not in client.get(reverse("enforcement:work_queue")).content.decode()


@pytest.mark.date_sensitive
def test_the_work_queue_lists_overdue_and_the_coming_weeks_deadlines(client, jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(60))
    services.transition(user=jurist, case=case, event="waarschuwen", on=ago(59), term_amount=2, term_unit="weeks")
    other = services.open_case(user=jurist, findings=[decided], route="herstel", on=ago(3))
    services.transition(user=jurist, case=other, event="waarschuwen", on=ago(3), term_amount=3, term_unit="days")
    client.force_login(jurist)
    response = client.get(reverse("enforcement:work_queue"))
    assert [d.case for d in response.context["overdue"]] == [case]
    # the 3-day term ends today or, on a weekend or holiday, on the next working day (Atw): within seven days
    assert [d.case for d in response.context["coming_week"]] == [other]
    assert "hersteltermijn loopt" in response.content.decode()


def test_the_lhso_table_page_stores_a_valid_version_and_refuses_an_invalid_one(client, service):
    admin = UserFactory(organisation=service, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    url = reverse("enforcement:lhso_table")
    assert "Nog geen eigen versie" in client.get(url).content.decode()
    table = lhso.DEFAULT_TABLE.to_dict()
    table["cells"]["B4"] = ["inform"]
    refused = client.post(url, {"valid_from": "2025-01-01", "table": json.dumps(table)})
    assert refused.status_code == 400 and "zwaarder dan" in refused.content.decode()
    assert client.post(url, {"valid_from": "2025-01-01", "table": "{niet json"}).status_code == 400
    table["cells"]["B4"] = ["last_onder_bestuursdwang", "bestuurlijke_boete"]
    assert (
        client.post(url, {"valid_from": "2025-01-01", "table": json.dumps(table), "note": "eigen"}).status_code == 302
    )
    assert LhsoTableVersion.objects.get().note == "eigen"
    # a day not after the newest version is refused next to that day, the table itself being fine
    again = client.post(url, {"valid_from": "2025-01-01", "table": json.dumps(table)})
    assert again.status_code == 400
    errors = again.context["form"].errors
    assert "na 01-01-2025" in " ".join(errors["valid_from"]) and "table" not in errors
    assert LhsoTableVersion.objects.count() == 1


def test_a_refused_policy_table_shows_the_reason_at_the_table(client, service, establishment):
    authority = establishment.competent_authority
    authority.omgevingsdienst = service
    authority.save()
    client.force_login(UserFactory(organisation=service, role=Role.ADMINISTRATOR))
    url = reverse("enforcement:policy", args=[authority.pk])
    refused = client.post(url, {"valid_from": "2025-01-01", "table": json.dumps({"violations": "geen lijst"})})
    assert refused.status_code == 400 and refused.context["form"].errors["table"]


def test_a_member_without_the_role_sees_the_table_but_no_form(client, member):
    client.force_login(member)
    page = client.get(reverse("enforcement:lhso_table")).content.decode()
    assert "LHSO-matrix" in page and "Versie opslaan" not in page


def test_policy_pages_of_the_services_authorities(client, service, establishment, outsider):
    authority = establishment.competent_authority
    authority.omgevingsdienst = service
    authority.save()
    admin = UserFactory(organisation=service, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    assert authority.name in client.get(reverse("enforcement:policies")).content.decode()
    page = client.get(reverse("enforcement:policy", args=[authority.pk])).content.decode()
    assert "Onjuiste afvalscheiding" in page and "<td>1 week</td><td>7 dagen</td>" in page
    assert "€ 2.500,00 per dag" in page
    client.force_login(outsider)
    assert client.get(reverse("enforcement:policy", args=[authority.pk])).status_code == 404


def test_the_establishment_page_include_lists_the_visible_cases(rf, jurist, outsider, case):
    request = rf.get("/")
    request.user = jurist
    html = render_to_string(
        "enforcement/_establishment_cases.html", {"establishment": case.establishment, "request": request}
    )
    assert case.reference in html and "Waarschuwing verzonden" in html
    request.user = outsider
    html = render_to_string(
        "enforcement/_establishment_cases.html", {"establishment": case.establishment, "request": request}
    )
    assert case.reference not in html and "Geen handhavingszaken" in html


def test_the_case_list_filters_by_state(client, jurist, case, decided):
    other = services.open_case(user=jurist, findings=[decided], route="strafrecht")
    client.force_login(jurist)
    rows = client.get(reverse("enforcement:cases"), {"stand": "waarschuwing"}).context["rows"]
    assert [row[0] for row in rows] == [case]
    rows = client.get(reverse("enforcement:cases"), {"route": "strafrecht"}).context["rows"]
    assert [row[0] for row in rows] == [other]


def test_a_voornemen_without_the_re_inspection_is_refused_on_the_page_then_taken_with_it(client, jurist, case):
    """The case page waits for the re-inspection; with the closed re-inspection the step is offered, shown as a
    draft letter, and taken (signed) only when confirmed."""
    client.force_login(jurist)
    services.transition(user=jurist, case=case, event="hercontrole_uitvoeren", on=ago(58))
    url = reverse("enforcement:case_step", args=[case.pk, "voornemen_verzenden"])
    data = {"voornemen_verzenden-on": ago(10).isoformat(), "voornemen_verzenden-intended": "last_onder_dwangsom"}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Wacht op de herinspectie" in refused.content.decode()
    inspection = perform_reinspection(case, ago(20))  # after the hersteltermijn of 4 weeks
    draft = client.post(url, data)
    assert draft.status_code == 200 and "Ondertekenen en verzenden" in draft.content.decode()
    assert case.letters.count() == 1 and case.transitions.last().event == "hercontrole_uitvoeren"  # nothing stored
    assert client.post(url, {**data, "bevestigd": "ja"}).status_code == 302
    entry = case.transitions.last()
    assert (entry.event, entry.inspection) == ("voornemen_verzenden", inspection)
    assert "Bewijs: hercontrole van" in client.get(reverse("enforcement:case", args=[case.pk])).content.decode()


def test_an_objection_against_a_tolerance_decision_lodged_on_the_page_with_an_advisory_committee(client, jurist, case):
    services.transition(user=jurist, case=case, event="gedogen", on=ago(20), scope="Opslag in container",
                        valid_to=ago(-30), legalisation_prospect="Aanvraag ingediend.")  # fmt: skip
    decision = case.letters.get(kind="gedoogbeschikking")
    client.force_login(jurist)
    response = client.post(
        reverse("enforcement:objection", args=[decision.pk]), {"received_on": ago(5).isoformat(), "committee": "on"}
    )
    assert response.status_code == 302
    objection = EnforcementCase.objects.get(route="bezwaar").objection
    term = objection.case.deadlines.get(code="beslistermijn_bezwaar")
    assert objection.committee and objection.in_time and "adviescommissie" in term.source
    assert case.deadlines.get(code="bezwaartermijn").done_on == ago(5)  # the objection handles the term
