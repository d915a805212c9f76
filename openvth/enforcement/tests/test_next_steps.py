"""The next lawful steps of a case (offers.next_steps): only steps the route allows from the state, that the user's
role and mandate allow and whose guards pass now; re-inspection planned (a day to come, after the term) and recorded
as performed (a closed inspection of the establishment); irreversible steps confirmed, letters previewed as a draft
before they are signed; whole texts in the letter."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.enforcement import offers, services
from openvth.enforcement.models import Deadline, EnforcementCase
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.supervision.tests.factories import FindingFactory
from openvth.testing.pdf import pdf_text

from .factories import lawyer, perform_reinspection


def ago(days: int) -> datetime.date:
    return clock.today() - datetime.timedelta(days=days)


def now(user, case) -> offers.NextSteps:
    return offers.next_steps(user, EnforcementCase.objects.get(pk=case.pk))


@pytest.fixture
def warned(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(60))
    services.transition(user=jurist, case=case, event="waarschuwen", on=ago(59))
    return case


@pytest.mark.parametrize("route", list(rules.ROUTES))
def test_every_state_offers_only_steps_its_route_allows(jurist, decided, route):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", on=ago(60))
    case.route = route
    for state in rules.ROUTES[route]:
        case.state = state
        case.closed_on = ago(1) if state == rules.CLOSED else None
        case.save()
        found = offers.next_steps(jurist, EnforcementCase.objects.get(pk=case.pk))
        allowed = set() if state == rules.CLOSED else set(rules.allowed_events(route, state))
        assert set(found.events) <= allowed, (route, state)
        assert not {w.event for w in found.waiting} & set(found.events), (route, state)


def test_a_step_whose_guard_fails_is_not_offered_and_says_why(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(60))
    services.transition(user=jurist, case=case, event="voornemen_verzenden", on=ago(2), intended="last_onder_dwangsom")
    found = now(jurist, case)
    # the zienswijzetermijn still runs (art. 4:8 Awb): it cannot be recorded as passed, a view can be received
    assert "zienswijze_ontvangen" in found.events and "zienswijzetermijn_verstreken" not in found.events
    waiting = next(w for w in found.waiting if w.event == "zienswijzetermijn_verstreken")
    assert "loopt nog tot en met" in waiting.reasons[0]


def test_a_step_of_another_role_is_not_offered_and_one_without_mandate_says_so(service, jurist, warned):
    inspector = UserFactory(organisation=service, role=Role.INSPECTOR)
    assert rules.CLOSE not in now(inspector, warned).events  # closing: lawyers and managers
    colleague = lawyer(service, username="zonder-mandaat")
    found = now(colleague, warned)
    assert "gedogen" not in found.events
    assert "geen geldig mandaat" in next(w for w in found.waiting if w.event == "gedogen").reasons[0]
    assert rules.CLOSE in found.events  # closing needs no mandate


def test_re_inspection_planned_on_a_day_to_come_after_the_term(jurist, warned):
    term_end = warned.deadlines.get(code="hersteltermijn").due_on
    with pytest.raises(ValidationError) as refused:
        services.transition(user=jurist, case=warned, event="hercontrole_uitvoeren", planned_on=ago(1))
    assert "vandaag of later" in str(refused.value)
    day = clock.today() + datetime.timedelta(days=5)
    services.transition(user=jurist, case=warned, event="hercontrole_uitvoeren", planned_on=day)
    entry = warned.transitions.last()
    assert entry.reinspection.planned_on == day and entry.reinspection.status == "planned" and term_end < day


def test_a_re_inspection_cannot_be_planned_within_the_term(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(3))
    services.transition(user=jurist, case=case, event="waarschuwen", on=ago(2), term_amount=4, term_unit="weeks")
    term_end = case.deadlines.get(code="hersteltermijn").due_on
    with pytest.raises(ValidationError) as refused:
        services.transition(user=jurist, case=case, event="hercontrole_uitvoeren", planned_on=term_end)
    assert "na afloop van de termijn" in str(refused.value)


def test_re_inspection_performed_is_recorded_and_then_the_voornemen_is_offered(client, jurist, warned):
    day = clock.today() + datetime.timedelta(days=1)
    services.transition(user=jurist, case=warned, event="hercontrole_uitvoeren", planned_on=day)
    found = now(jurist, warned)
    assert "voornemen_verzenden" not in found.events and "Wacht op de herinspectie" in found.reinspection_wait
    inspection = perform_reinspection(warned, ago(10))  # performed (and closed) after the term, in the past
    found = now(jurist, warned)
    assert list(found.reinspection_candidates) == [inspection]
    client.force_login(jurist)
    performed = events.REINSPECTION_PERFORMED
    url = reverse("enforcement:case_step", args=[warned.pk, performed])
    assert client.post(url, {f"{performed}-inspection": inspection.pk}).status_code == 302
    entry = warned.transitions.last()
    assert (entry.event, entry.inspection, entry.on, entry.to_state) == (
        performed,
        inspection,
        ago(10),
        "hercontrole_na_waarschuwing",
    )
    assert "voornemen_verzenden" in now(jurist, warned).events


def test_an_inspection_within_the_term_is_not_a_re_inspection(jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(20))
    services.transition(user=jurist, case=case, event="waarschuwen", on=ago(20), term_amount=2, term_unit="weeks")
    services.transition(user=jurist, case=case, event="hercontrole_uitvoeren")
    early = perform_reinspection(case, ago(15))  # within the hersteltermijn
    assert list(now(jurist, case).reinspection_candidates) == []
    with pytest.raises(ValidationError) as refused:
        services.record_reinspection(user=jurist, case=case, inspection=early)
    assert "niet na het einde van de termijn" in str(refused.value)


def test_closing_asks_for_confirmation_and_stores_nothing_before_it(client, jurist, warned):
    client.force_login(jurist)
    url = reverse("enforcement:case_step", args=[warned.pk, rules.CLOSE])
    page = client.get(reverse("enforcement:case", args=[warned.pk])).content.decode()
    assert 'data-confirm="Zaak sluiten: de zaak gaat naar de stand' in page
    data = {"sluiten-on": clock.today().isoformat(), "sluiten-note": "Hersteld."}
    asked = client.post(url, data)
    assert asked.status_code == 200 and "Bevestigen: Zaak sluiten" in asked.content.decode()
    assert "Dit kan niet ongedaan worden gemaakt" in asked.content.decode()
    warned.refresh_from_db()
    assert warned.is_open
    assert client.post(url, {**data, "bevestigd": "ja"}).status_code == 302
    warned.refresh_from_db()
    assert warned.state == rules.CLOSED


def test_a_letter_is_a_draft_with_preview_until_it_is_signed(client, jurist, decided):
    case = services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(60))
    client.force_login(jurist)
    url = reverse("enforcement:case_step", args=[case.pk, "waarschuwen"])
    data = {"waarschuwen-on": ago(1).isoformat()}
    draft = client.post(url, data)
    html = draft.content.decode()
    assert draft.status_code == 200 and "Concept controleren: Waarschuwing versturen" in html
    assert "concept, niet ondertekend" in html and decided.description in html and "Ondertekenen en verzenden" in html
    assert not case.letters.exists() and not Deadline.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.state == "geconstateerd"
    assert client.post(url, {**data, "bevestigd": "ja"}).status_code == 302
    assert case.letters.get().signed_by == jurist and case.letters.get().pdf is not None


def test_the_deadline_row_links_to_the_step_that_ends_it(client, jurist, warned):
    client.force_login(jurist)
    page = client.get(reverse("enforcement:case", args=[warned.pk])).content.decode()
    assert 'href="#stap-hercontrole_uitvoeren">herinspectie plannen</a>' in page
    queue = client.get(reverse("enforcement:work_queue")).content.decode()
    case_url = reverse("enforcement:case", args=[warned.pk])
    assert f'href="{case_url}#stap-hercontrole_uitvoeren"' in queue or warned.reference not in queue
    assert "afhandelen" not in page.lower().replace("af te handelen", "")


def test_a_long_violation_text_is_whole_in_the_letter_pdf(jurist, establishment, tmp_path):
    text = (
        "Het geluidsniveau op het immissiepunt aan de Industrieweg bedroeg in de nachtperiode 52 dB(A) "
        "(grenswaarde 45 dB(A) etmaalwaarde volgens voorschrift 3.2.1 van de omgevingsvergunning), gemeten "
        "met een klasse-1 geluidsmeter op 1,5 meter hoogte bij de erfgrens."
    )
    finding = FindingFactory(
        inspection__establishment=establishment, inspection__performed_on=ago(30), description=text
    )
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="B", chosen=["warning", "last_onder_dwangsom"]
    )
    case = services.open_case(user=jurist, findings=[finding], route="herstel", violation_type="afval", on=ago(29))
    services.transition(user=jurist, case=case, event="waarschuwen", on=ago(28))
    letter = case.letters.get()
    assert text in letter.body
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(bytes(letter.pdf))
    assert " ".join(text.split()) in " ".join(pdf_text(pdf).split())
