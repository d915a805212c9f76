"""The permits UI: every page for the owner, 404 for an outsider, the date picker on the boundary days, the diff,
the decision form that stores nothing on an error, the PDF, and a constant number of queries for the permit."""

import datetime

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.permits import selectors, services
from openvth.permits.models import Application, Decision, ProvisionChange, ProvisionVersion
from openvth.rules import permit_terms
from openvth.testing.pdf import pdf_text

JAN_1, JUN_1 = datetime.date(2024, 1, 1), datetime.date(2024, 6, 1)


def _decide(user, establishment, reference, kind, effective, changes):
    return services.record_decision(
        user=user,
        establishment=establishment,
        reference=reference,
        kind=kind,
        decided_on=effective - datetime.timedelta(days=14),
        effective_from=effective,
        changes=[{"op": op, "number": number, "text": text} for op, number, text in changes],
    )


@pytest.fixture
def permit(owner, establishment):
    """A grant on 1 January 2024 and an amendment on 1 June 2024 that replaces 2, revokes 3 and adds 10."""
    grant = _decide(
        owner,
        establishment,
        "V-2024-001",
        "grant",
        JAN_1,
        [("add", "1", "Geluid ten hoogste 50 dB(A)."), ("add", "2", "Oude opslagregel."), ("add", "3", "Vervalt.")],
    )
    amendment = _decide(
        owner,
        establishment,
        "W-2024-017",
        "amend",
        JUN_1,
        [("replace", "2", "Nieuwe opslagregel."), ("revoke", "3", ""), ("add", "10", "Tiende voorschrift.")],
    )
    return grant, amendment


@pytest.fixture
def application(owner, establishment):
    received = clock.today() - datetime.timedelta(weeks=7)  # an 8-week term: about a week left
    return services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-4711",
        subject="Uitbreiding opslag gevaarlijke stoffen",
        received_on=received,
        procedure=Application.Procedure.REGULAR,
    )


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


def _pages(establishment, permit, application) -> dict[str, str]:
    e = establishment.pk
    return {
        "work_queue": reverse("permits:work_queue"),
        "applications": reverse("permits:applications"),
        "application_new": reverse("permits:application_new") + f"?vestiging={e}",
        "application": reverse("permits:application", args=[application.pk]),
        "lead_times": reverse("permits:lead_times"),
        "decisions": reverse("permits:decisions", args=[e]),
        "decision": reverse("permits:decision", args=[permit[1].pk]),
        "decision_new": reverse("permits:decision_new", args=[e]),
        "permit": reverse("permits:permit", args=[e]) + "?op=2024-07-01",
        "permit_diff": reverse("permits:permit_diff", args=[e]) + "?van=2024-05-31&tot=2024-06-01",
        "provision": reverse("permits:provision", args=[e, "2"]),
    }


OWN_RECORDS = ["application", "decisions", "decision", "decision_new", "permit", "permit_diff", "provision"]


ALL_PAGES = ["work_queue", "applications", "application_new", "lead_times", *OWN_RECORDS]


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_renders_for_the_owner_in_dutch(owner_client, owner, establishment, permit, application, page):
    response = owner_client.get(_pages(establishment, permit, application)[page])
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'aria-current="page">Vergunningen</a>' in html  # the main menu knows where we are


@pytest.mark.parametrize("page", OWN_RECORDS)
def test_outsider_gets_404_for_another_organisations_permit(outsider_client, establishment, permit, application, page):
    assert outsider_client.get(_pages(establishment, permit, application)[page]).status_code == 404


def test_outsider_sees_nothing_of_ours_in_the_lists(outsider_client, establishment, permit, application):
    for page in ["work_queue", "applications", "lead_times"]:
        html = outsider_client.get(_pages(establishment, permit, application)[page]).content.decode()
        assert "OLO-4711" not in html and establishment.name not in html


@pytest.mark.parametrize("page", ["work_queue", "permit", "decision_new"])
def test_anonymous_is_sent_to_login(client, establishment, permit, application, page):
    response = client.get(_pages(establishment, permit, application)[page])
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_pdf_of_an_outsider_is_404(outsider_client, establishment, permit):
    assert outsider_client.get(reverse("permits:permit_pdf", args=[establishment.pk])).status_code == 404


# --- the date picker --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day,present,absent",
    [
        ("2024-05-31", ["Oude opslagregel.", "Vervalt."], ["Nieuwe opslagregel.", "Tiende voorschrift."]),
        ("2024-06-01", ["Nieuwe opslagregel.", "Tiende voorschrift."], ["Oude opslagregel.", "Vervalt."]),
    ],
    ids=["day-before", "effective-day"],
)
def test_date_picker_shows_the_permit_in_force_on_that_day(owner_client, establishment, permit, day, present, absent):
    html = owner_client.get(reverse("permits:permit", args=[establishment.pk]), {"op": day}).content.decode()
    assert "Geluid ten hoogste 50 dB(A)." in html  # untouched by the amendment
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html


def test_permit_names_each_source_decision_and_links_the_history(owner_client, establishment, permit):
    grant, amendment = permit
    html = owner_client.get(reverse("permits:permit", args=[establishment.pk]), {"op": "2024-06-01"}).content.decode()
    assert html.index(">1<") < html.index(">2<") < html.index(">10<")  # natural order: 2 before 10
    assert reverse("permits:decision", args=[grant.pk]) in html
    assert reverse("permits:decision", args=[amendment.pk]) in html
    assert reverse("permits:provision", args=[establishment.pk, "10"]) in html


def test_permit_before_the_first_decision_says_nothing_is_in_force(owner_client, establishment, permit):
    html = owner_client.get(reverse("permits:permit", args=[establishment.pk]), {"op": "2023-12-31"}).content.decode()
    assert "geen voorschrift van kracht" in html
    assert "Geluid ten hoogste" not in html


def test_a_revoked_permit_names_the_revocation(owner_client, owner, establishment, permit):
    _decide(owner, establishment, "I-2025-003", "revoke", datetime.date(2025, 3, 1), [])
    url = reverse("permits:permit", args=[establishment.pk])
    after = owner_client.get(url, {"op": "2025-03-01"}).content.decode()
    assert "geen voorschrift van kracht" in after and "ingetrokken bij besluit" in after and "I-2025-003" in after
    before = owner_client.get(url, {"op": "2025-02-28"}).content.decode()
    assert "ingetrokken bij besluit" not in before and "Tiende voorschrift." in before


@pytest.mark.date_sensitive
def test_an_impossible_date_gives_a_dutch_error_and_today(owner_client, establishment, permit):
    response = owner_client.get(reverse("permits:permit", args=[establishment.pk]), {"op": "2024-02-30"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een datum in" in html and 'aria-invalid="true"' in html
    assert response.context["day"] == clock.today()


def test_the_permit_page_reads_in_a_fixed_number_of_queries(owner_client, owner, establishment, permit):
    url = reverse("permits:permit", args=[establishment.pk])
    with CaptureQueriesContext(connection) as few:
        assert owner_client.get(url).status_code == 200
    _decide(
        owner,
        establishment,
        "W-2024-020",
        "amend",
        JUN_1 + datetime.timedelta(days=30),
        [("add", str(n), f"Extra voorschrift {n}.") for n in range(20, 60)],
    )
    with CaptureQueriesContext(connection) as many:
        html = owner_client.get(url).content.decode()
    assert "Extra voorschrift 59." in html
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- diff and history -------------------------------------------------------------------------------------------


def test_diff_shows_added_replaced_and_revoked_with_the_decision(owner_client, establishment, permit):
    _, amendment = permit
    url = reverse("permits:permit_diff", args=[establishment.pk])
    response = owner_client.get(url, {"van": "2024-05-31", "tot": "2024-06-01"})
    diff = response.context["diff"]
    assert [i.number for i in diff.added] == ["10"]
    assert [(i.number, i.old_text, i.new_text) for i in diff.replaced] == [
        ("2", "Oude opslagregel.", "Nieuwe opslagregel.")
    ]
    assert [i.number for i in diff.revoked] == ["3"]
    html = response.content.decode()
    assert "1 voorschrift toegevoegd" in html and "1 voorschrift vervangen" in html
    assert "<del>Oude opslagregel.</del>" in html and "<ins>Nieuwe opslagregel.</ins>" in html
    assert html.count(f'href="{reverse("permits:decision", args=[amendment.pk])}"') == 3


def test_diff_of_a_quiet_period_says_so(owner_client, establishment, permit):
    url = reverse("permits:permit_diff", args=[establishment.pk])
    html = owner_client.get(url, {"van": "2024-06-01", "tot": "2024-12-31"}).content.decode()
    assert "geen voorschrift toegevoegd, vervangen of ingetrokken" in html


def test_diff_with_dates_the_wrong_way_round_is_refused_in_dutch(owner_client, establishment, permit):
    url = reverse("permits:permit_diff", args=[establishment.pk])
    response = owner_client.get(url, {"van": "2024-06-01", "tot": "2024-01-01"})
    assert response.context["diff"] is None
    assert "De eerste datum ligt na de tweede" in response.content.decode()


def test_provision_history_lists_every_version_with_its_decisions(owner_client, establishment, permit):
    grant, amendment = permit
    response = owner_client.get(reverse("permits:provision", args=[establishment.pk, "2"]))
    html = response.content.decode()
    assert "Oude opslagregel." in html and "Nieuwe opslagregel." in html
    assert "Van 1 januari 2024 tot 1 juni 2024" in html and "Sinds 1 juni 2024" in html
    assert "beëindigd door" in html
    assert owner_client.get(reverse("permits:provision", args=[establishment.pk, "99"])).status_code == 404


# --- recording a decision ---------------------------------------------------------------------------------------


def _decision_post(**overrides) -> dict:
    data = {
        "reference": "W-2024-030",
        "kind": "amend",
        "decided_on": "2024-08-01",
        "effective_from": "2024-09-01",
        "application": "",
        "wijziging-TOTAL_FORMS": "3",
        "wijziging-INITIAL_FORMS": "0",
        "wijziging-MIN_NUM_FORMS": "0",
        "wijziging-MAX_NUM_FORMS": "2000",
        "wijziging-0-op": "replace",
        "wijziging-0-number": "1",
        "wijziging-0-text": "Geluid ten hoogste 45 dB(A).",
        "wijziging-1-op": "",
        "wijziging-1-number": "",
        "wijziging-1-text": "",
        "wijziging-2-op": "",
        "wijziging-2-number": "",
        "wijziging-2-text": "",
    }
    data.update(overrides)
    return data


def test_recording_a_decision_updates_the_permit(owner_client, establishment, permit):
    response = owner_client.post(reverse("permits:decision_new", args=[establishment.pk]), _decision_post())
    decision = Decision.objects.get(reference="W-2024-030")
    assert response.status_code == 302 and response.url == reverse("permits:decision", args=[decision.pk])
    assert list(decision.changes.values_list("op", "number")) == [("replace", "1")]  # empty rows are no change
    html = owner_client.get(reverse("permits:permit", args=[establishment.pk]), {"op": "2024-09-01"}).content.decode()
    assert "Geluid ten hoogste 45 dB(A)." in html and "50 dB(A)" not in html


def test_an_impossible_change_stores_nothing_and_names_decision_and_provision(owner_client, establishment, permit):
    before = (Decision.objects.count(), ProvisionChange.objects.count(), ProvisionVersion.objects.count())
    data = _decision_post(**{"wijziging-1-op": "replace", "wijziging-1-number": "3", "wijziging-1-text": "Terug."})
    response = owner_client.post(reverse("permits:decision_new", args=[establishment.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is niets opgeslagen" in html
    assert "W-2024-030" in html and "voorschrift 3" in html  # the service's Dutch message
    assert 'value="Geluid ten hoogste 45 dB(A)."' in html or "Geluid ten hoogste 45 dB(A).</textarea>" in html
    assert (Decision.objects.count(), ProvisionChange.objects.count(), ProvisionVersion.objects.count()) == before


def test_a_row_without_text_is_refused_before_the_service(owner_client, establishment, permit):
    data = _decision_post(**{"wijziging-0-op": "add", "wijziging-0-number": "11", "wijziging-0-text": ""})
    response = owner_client.post(reverse("permits:decision_new", args=[establishment.pk]), data)
    assert "Regel 1, tekst: Een toegevoegd of vervangen voorschrift heeft een tekst." in response.content.decode()
    assert not Decision.objects.filter(reference="W-2024-030").exists()


def test_adding_a_row_keeps_what_was_typed_and_stores_nothing(owner_client, establishment, permit):
    data = _decision_post(meer="1")
    response = owner_client.post(reverse("permits:decision_new", args=[establishment.pk]), data)
    html = response.content.decode()
    assert response.context["changes"].total_form_count() == 4
    assert "Geluid ten hoogste 45 dB(A)." in html and 'value="W-2024-030"' in html
    assert "Er is niets opgeslagen" not in html  # no error summary for a form that is still being filled in
    assert not Decision.objects.filter(reference="W-2024-030").exists()


def test_only_an_editor_may_open_the_decision_form(client, service, establishment, permit):
    lawyer = UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER)
    client.force_login(lawyer)  # a colleague without an editing role reads the permit but does not decide
    assert client.get(reverse("permits:permit", args=[establishment.pk])).status_code == 200
    assert client.get(reverse("permits:decision_new", args=[establishment.pk])).status_code == 403


# --- applications -----------------------------------------------------------------------------------------------


@pytest.mark.date_sensitive
def test_new_application_starts_the_term(owner_client, establishment):
    received = clock.today() - datetime.timedelta(days=3)
    data = {
        "kvk_vestigingsnummer": establishment.kvk_vestigingsnummer,
        "competent_authority": establishment.competent_authority_id,
        "reference": "OLO-9000",
        "subject": "Nieuwe stookinstallatie",
        "received_on": received.isoformat(),
        "procedure": "extended",
    }
    response = owner_client.post(reverse("permits:application_new"), data)
    application = Application.objects.get(reference="OLO-9000")
    assert response.url == reverse("permits:application", args=[application.pk])
    html = owner_client.get(response.url).content.decode()
    assert "6 maanden (uitgebreide procedure)" in html


def test_new_application_for_an_invisible_establishment_is_refused(owner_client, foreign_establishment):
    data = {
        "kvk_vestigingsnummer": foreign_establishment.kvk_vestigingsnummer,
        "competent_authority": foreign_establishment.competent_authority_id,
        "reference": "OLO-9001",
        "subject": "Poging",
        "received_on": clock.today().isoformat(),
        "procedure": "regular",
    }
    response = owner_client.post(reverse("permits:application_new"), data)
    assert "U kunt geen vestiging met dit vestigingsnummer zien." in response.content.decode()
    assert not Application.objects.filter(reference="OLO-9001").exists()


@pytest.mark.date_sensitive
def test_application_actions_suspend_and_extend_the_term(owner_client, application):
    url = reverse("permits:application", args=[application.pk])
    today = clock.today()
    before = owner_client.get(url).context["term"].deadline
    asked = today - datetime.timedelta(days=5)
    action = "permits:application_action"
    owner_client.post(reverse(action, args=[application.pk, "aanvulling-vragen"]), {"aanvulling-vragen-datum": asked})
    owner_client.post(reverse(action, args=[application.pk, "aangevuld"]), {"aangevuld-datum": today})
    owner_client.post(reverse(action, args=[application.pk, "verdagen"]), {"verdagen-datum": today})
    response = owner_client.get(url)
    term = response.context["term"]
    assert term.suspended_days == 5 and term.extended
    assert term.deadline > before
    assert term.deadline == permit_terms.decision_deadline(
        application.received_on, "regular", extended=True, suspended=5
    )
    html = response.content.decode()
    assert "+ 5 dagen opgeschort" in html and "+ 6 weken verdaging" in html
    assert "Termijn verdagen" not in html  # once only: the action is no longer offered


@pytest.mark.parametrize(
    ("received_on", "explanation"),
    [
        ("2024-03-02", "De termijn zou eindigen op zaterdag 27 april 2024, geen werkdag"),  # King's Day
        ("2024-03-05", "De laatste dag is een werkdag"),
    ],
)
def test_the_term_says_whether_the_atw_moved_it(owner_client, owner, establishment, received_on, explanation):
    application = services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-ATW",
        subject="Atw",
        received_on=datetime.date.fromisoformat(received_on),
        procedure="regular",
    )
    html = owner_client.get(reverse("permits:application", args=[application.pk])).content.decode()
    assert explanation in html


def test_withdrawing_shows_the_date_and_closes_the_application(owner_client, application):
    today = clock.today()
    action = reverse("permits:application_action", args=[application.pk, "intrekken"])
    owner_client.post(action, {"intrekken-datum": today})
    html = owner_client.get(reverse("permits:application", args=[application.pk])).content.decode()
    assert "Ingetrokken op" in html and formats.date_format(today, "l j F Y") in html
    assert "Termijn verdagen" not in html


def test_a_refused_action_shows_the_services_dutch_message(owner_client, application):
    too_early = clock.today().isoformat()  # the term still runs: a notice of default does not count yet
    url = reverse("permits:application_action", args=[application.pk, "ingebrekestelling"])
    response = owner_client.post(url, {"ingebrekestelling-datum": too_early}, follow=True)
    assert "Een ingebrekestelling telt pas na afloop van de beslistermijn" in response.content.decode()
    application.refresh_from_db()
    assert application.default_notice_on is None


def test_an_unknown_action_is_404(owner_client, application):
    url = reverse("permits:application_action", args=[application.pk, "goedkeuren"])
    assert owner_client.post(url, {"goedkeuren-datum": "2024-01-01"}).status_code == 404


@pytest.mark.date_sensitive
def test_work_queue_lists_the_term_running_out_and_the_overdue_one_in_red(owner, owner_client, establishment):
    today = clock.today()
    late = services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-LAAT",
        subject="Te laat",
        received_on=today - datetime.timedelta(weeks=12),
        procedure="regular",
    )
    notice = selectors.application_term(late, today=today).deadline + datetime.timedelta(days=1)
    services.record_default_notice(user=owner, application=late, received_on=notice)
    services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-VER",
        subject="Nog lang niet",
        received_on=today,
        procedure="regular",
    )
    soon = services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-BIJNA",
        subject="Bijna",
        received_on=today - datetime.timedelta(weeks=7),
        procedure="regular",
    )
    response = owner_client.get(reverse("permits:work_queue"))
    html = response.content.decode()
    assert [row["application"].reference for row in response.context["rows"]] == ["OLO-LAAT", soon.reference]
    assert "OLO-VER" not in html
    assert 'class="row-late"' in html and "dagen te laat" in html
    term = response.context["rows"][0]["term"]
    assert term.penalty_days > 0  # two weeks after the notice: the Awb 4:17 penalty runs
    assert f"€ {floatformat(term.penalty_amount, '2g')}" in html


# --- the PDF ----------------------------------------------------------------------------------------------------


def test_pdf_of_the_permit_on_a_date(owner_client, establishment, permit, tmp_path):
    url = reverse("permits:permit_pdf", args=[establishment.pk])
    response = owner_client.get(url, {"op": "2024-06-01"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"vergunning-{establishment.kvk_vestigingsnummer}-2024-06-01.pdf" in response["Content-Disposition"]
    pdf = tmp_path / "vergunning.pdf"
    pdf.write_bytes(response.content)
    text = pdf_text(pdf)
    assert "Nieuwe opslagregel." in text and "Tiende voorschrift." in text
    assert "Oude opslagregel." not in text
    assert establishment.name in text and establishment.competent_authority.name in text
    assert "Geldend op 1 juni 2024" in text
    assert "Bron: besluit W-2024-017" in text and "Bron: besluit V-2024-001" in text
    assert "Pagina 1 van 1" in text


def test_a_late_application_no_longer_offers_extension_or_a_request_to_supplement(owner, owner_client, establishment):
    late = services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-LAAT",
        subject="Te laat",
        received_on=clock.today() - datetime.timedelta(weeks=12),
        procedure="regular",
    )
    html = owner_client.get(reverse("permits:application", args=[late.pk])).content.decode()
    assert "dagen te laat" in html
    assert "Termijn verdagen" not in html and "Aanvulling vragen" not in html
    assert "Ingebrekestelling ontvangen</h3>" in html


def test_lead_times_show_the_decided_application_per_authority_and_procedure(owner, owner_client, establishment):
    received = clock.today() - datetime.timedelta(days=30)
    application = services.receive_application(
        user=owner,
        establishment=establishment,
        competent_authority=establishment.competent_authority,
        reference="OLO-BESLOTEN",
        subject="Besloten binnen de termijn",
        received_on=received,
        procedure="regular",
    )
    services.record_decision(
        user=owner,
        establishment=establishment,
        reference="V-OLO-BESLOTEN",
        kind="grant",
        decided_on=received + datetime.timedelta(days=20),
        effective_from=received + datetime.timedelta(days=21),
        changes=[{"op": "add", "number": "1", "text": "Geluid ten hoogste 50 dB(A)."}],
        application=application,
    )
    html = owner_client.get(reverse("permits:lead_times")).content.decode()
    row = html[html.index(establishment.competent_authority.name) :]
    assert "reguliere procedure" in row
    assert '<td class="number">20</td>' in row and '<td class="number">100%</td>' in row
