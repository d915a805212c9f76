"""Staff, competences, quality criteria, mandates and SPUK grants: services, import, selectors, API and pages."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from openvth.accounts.tests.factories import UserFactory
from openvth.capacity import selectors, services
from openvth.capacity.models import Competence, GrantQuarter, QualityCriteriaVersion, StaffMember
from openvth.core import clock
from openvth.core.models import ChangeRecord
from openvth.core.scoping import SYSTEM_JOB
from openvth.register.models import Mandate
from openvth.register.tests.factories import OrganisationFactory
from openvth.rules import quality, spuk

from .factories import CertificateFactory, CompetenceFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

HEADER = ";".join(services.CSV_COLUMNS) + "\n"
GOOD = (
    HEADER
    + "Anna de Vries;inspector;1400;2015-03-01;TZ-MIL;mbo;6;800;2018-01-01;Leergang VTH;;;\n"
    + "Anna de Vries;inspector;1400;2015-03-01;TZ-COMPLEX;hbo;3,5;500;2020-01-01;;Brzo-inspecteur;2020-02-01;"
    + "2027-02-01\n"
    + "Bram Jansen;permit_officer|manager;1200;2019-09-01;VV-MIL;hbo;2;600;2019-09-01;;;;\n"
)


def assessment_of(service, area):
    return next(r.assessment for r in selectors.assessment(service, clock.today()) if r.code == area)


# --- the CSV import ---------------------------------------------------------------------------------------------------


def test_import_stores_people_once_with_every_competence_and_history(own, manager):
    imported = services.import_staff(user=manager, service=own, content=GOOD.encode())
    assert (imported.staff, imported.competences, imported.certificates) == (2, 3, 1)
    anna = StaffMember.objects.get(name="Anna de Vries")
    assert sorted(anna.competences.values_list("task_area", flat=True)) == ["TZ-COMPLEX", "TZ-MIL"]
    assert anna.competences.get(task_area="TZ-COMPLEX").experience_years == Decimal("3.5")
    assert StaffMember.objects.get(name="Bram Jansen").roles == ["permit_officer", "manager"]
    assert ChangeRecord.objects.filter(action=ChangeRecord.Action.CREATE).count() == 6


def test_import_names_every_bad_line_and_stores_nothing(own, manager):
    bad = (
        GOOD
        + "Cor Bakker;inspector;veel;2020-01-01;TZ-MIL;mbo;1;400;2020-01-01;;;;\n"
        + "Daan Visser;inspector;1000;2020-01-01;XX-ONBEKEND;phd;1;400;31-12-2020;;;;\n"
    )
    with pytest.raises(ValidationError) as raised:
        services.import_staff(user=manager, service=own, content=bad.encode())
    messages = raised.value.messages
    assert [m.split(":")[0] for m in messages] == ["Regel 5", "Regel 6", "Regel 6", "Regel 6"]
    assert "veel" in messages[0]
    assert "XX-ONBEKEND" in messages[1] and "phd" in messages[2] and "31-12-2020" in messages[3]
    assert not StaffMember.objects.exists() and not Competence.objects.exists()


def test_the_command_writes_one_line_per_error_and_exits_non_zero(own, tmp_path, capsys):
    path = tmp_path / "staf.csv"
    path.write_text(
        HEADER + "Eva;;1000;2020-01-01;TZ-MIL;mbo;1;400;;;;;\n;;;2020-01-01;TZ-MIL;mbo;1;400;2020-01-01;;;;\n"
    )
    with pytest.raises(CommandError) as raised:
        call_command("capacity", "import-staff", str(path), "--service", own.code)
    assert raised.value.returncode == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == ["Regel 2: Geldig vanaf is verplicht.", "Regel 3: De naam is verplicht.",
                     "Regel 3: Uren per jaar: geef een geheel aantal uren van 0 tot 2000, niet ''."]  # fmt: skip
    assert not StaffMember.objects.exists()
    path.write_text(GOOD)
    call_command("capacity", "import-staff", str(path), "--service", own.code)
    assert StaffMember.objects.filter(service=own).count() == 2


def test_only_the_services_own_managers_import(own, other_manager, inspector):
    for user in (other_manager, inspector):
        with pytest.raises(PermissionDenied):
            services.import_staff(user=user, service=own, content=GOOD.encode())


# --- the assessment at the boundaries ---------------------------------------------------------------------------------


def test_exactly_the_critical_mass_meets_one_below_does_not_and_since_when(own):
    first, second, third = (CompetenceFactory(staff__service=own) for _ in range(3))
    third.valid_from = date(2026, 5, 4)
    third.save()
    result = assessment_of(own, "VV-MIL")  # the national minimum: 3 qualified people
    assert result.met and result.qualified == 3 and result.since == date(2026, 5, 4)
    services.update_competence(user=SYSTEM_JOB, competence=first, valid_to=clock.today() - timedelta(days=1))
    below = assessment_of(own, "VV-MIL")
    assert not below.met and below.failing == {"min_qualified": 1} and below.since == clock.today()


def test_a_certificate_that_expired_yesterday_fails_the_criterion(own):
    for _ in range(3):  # TZ-COMPLEX: 3 people, hbo, 3 years, 600 hours, a certificate
        CertificateFactory(
            competence__staff__service=own, competence__task_area="TZ-COMPLEX", competence__hours_per_year=600,
            competence__experience_years=Decimal("3.0"), expires_on=clock.today(),
        )  # fmt: skip
    assert assessment_of(own, "TZ-COMPLEX").met
    Competence.objects.first().certificates.update(expires_on=clock.today() - timedelta(days=1))
    result = assessment_of(own, "TZ-COMPLEX")
    assert not result.met and result.failing == {"min_qualified": 1, "certificate_required": 1}
    assert result.since == clock.today()


def test_experience_just_under_the_criterion_fails(own):
    CompetenceFactory.create_batch(2, staff__service=own)
    CompetenceFactory(
        staff__service=own, experience_years=Decimal("0.9"), valid_from=clock.today() - timedelta(days=200)
    )
    result = assessment_of(own, "VV-MIL")
    assert not result.met and result.failing == {"min_qualified": 1, "experience_years": 1}


# --- the criteria: national minimum and regional layer ---------------------------------------------------------------


def national_table(**changes):
    table = {area: c.as_dict() for area, c in quality.DEFAULT_CRITERIA.items()}
    for area, values in changes.items():
        table[area.replace("_", "-")] |= values
    return table


def test_the_programme_office_stores_the_national_minimum_a_manager_may_not(ministry, office, manager):
    services.store_criteria(user=office, organisation=ministry, valid_from="2026-01-01", criteria=national_table())
    with pytest.raises(PermissionDenied):
        services.store_criteria(user=manager, organisation=ministry, valid_from="2026-02-01", criteria=national_table())
    with pytest.raises(ValidationError) as raised:
        services.store_criteria(user=office, organisation=ministry, valid_from="2026-02-01", criteria={"VV-MIL": {}})
    assert any("SP-BODEM" in message for message in raised.value.message_dict["criteria"])


def test_a_regional_value_below_the_national_minimum_is_refused_a_stricter_one_applies(own, manager, ministry, office):
    raised_table = national_table(**{"VV_MIL": {"min_qualified": 4}})
    services.store_criteria(user=office, organisation=ministry, valid_from="2026-01-01", criteria=raised_table)
    with pytest.raises(ValidationError) as raised:
        services.store_criteria(
            user=manager, organisation=own, valid_from="2026-03-01", criteria={"VV-MIL": {"min_qualified": 3}}
        )
    assert "landelijke minimum (4)" in raised.value.message_dict["criteria"][0]
    assert not QualityCriteriaVersion.objects.filter(organisation=own).exists()
    services.store_criteria(
        user=manager, organisation=own, valid_from="2026-03-01", criteria={"VV-MIL": {"min_qualified": 5}}
    )
    CompetenceFactory.create_batch(4, staff__service=own)
    result = assessment_of(own, "VV-MIL")
    assert not result.met and result.required == 5 and result.since == date(2026, 3, 1)


def test_another_services_manager_may_not_store_its_criteria(own, other_manager):
    with pytest.raises(PermissionDenied):
        services.store_criteria(user=other_manager, organisation=own, valid_from="2026-03-01", criteria={})


# --- mandates -------------------------------------------------------------------------------------------------------


def test_director_mandate_full_partial_and_the_national_comparison(own, other):
    director = UserFactory(organisation=own, role="manager")
    lawyer = UserFactory(organisation=own, role="enforcement_lawyer", first_name="Hanna", last_name="Jurist")
    full = OrganisationFactory(name="Gemeente Vol", omgevingsdienst=own)
    partial = OrganisationFactory(name="Gemeente Deels", omgevingsdienst=own)
    OrganisationFactory(name="Gemeente Niets", omgevingsdienst=own)
    for power in (
        "bestuurlijke_strafbeschikking",
        "last_onder_dwangsom",
        "bestuurlijke_boete",
        "last_onder_bestuursdwang",
    ):
        Mandate.objects.create(authority=full, holder=director, decision_type=power, valid_from=date(2023, 1, 1))
    Mandate.objects.create(
        authority=partial, holder=director, decision_type="last_onder_dwangsom", valid_from=date(2023, 1, 1)
    )
    Mandate.objects.create(
        authority=partial, holder=director, decision_type="bestuurlijke_boete", valid_from=date(2023, 1, 1),
        valid_to=clock.today() - timedelta(days=1),
    )  # fmt: skip
    Mandate.objects.create(
        authority=partial, holder=lawyer, decision_type="bestuurlijke_boete", valid_from=date(2023, 1, 1)
    )
    rows = {r.authority.name: r for r in selectors.service_mandates(director, own, clock.today())}
    assert {name: r.scope for name, r in rows.items()} == {
        "Gemeente Vol": "full",
        "Gemeente Deels": "partial",
        "Gemeente Niets": "none",
    }
    assert rows["Gemeente Deels"].powers["bestuurlijke_boete"] is False  # the director's ended; the lawyer's holds
    assert rows["Gemeente Deels"].holders["bestuurlijke_boete"] == ["Hanna Jurist"]
    national = {r.service.code: r for r in selectors.national_mandates(clock.today())}
    assert national[own.code].per_power["last_onder_dwangsom"] == 2
    assert national[own.code].per_power["bestuurlijke_boete"] == 1
    assert (national[own.code].full, national[own.code].partial, national[own.code].scope) == (1, 1, "partial")
    assert national[other.code].scope == "none"


# --- SPUK -----------------------------------------------------------------------------------------------------------


def test_grants_quarters_and_the_national_total(own, other, manager, other_manager):
    grant = services.record_grant(user=manager, service=own, year=2023, purpose="training", amount="300000")
    services.record_grant(user=other_manager, service=other, year=2023, purpose="data_quality", amount="200000")
    with pytest.raises(ValidationError):
        services.record_grant(user=manager, service=own, year=2023, purpose="training", amount="1")
    services.report_quarter(user=manager, grant=grant, year=2023, quarter=1, spent="100000", results="Leergang")
    services.report_quarter(user=manager, grant=grant, year=2023, quarter=2, spent="150000")
    with pytest.raises(ValidationError) as raised:
        services.report_quarter(user=manager, grant=grant, year=2023, quarter=3, spent="50000.01")
    assert "resteert € 50000.00" in raised.value.message_dict["spent"][0]
    services.report_quarter(user=manager, grant=grant, year=2023, quarter=2, spent="200000")  # replaces Q2
    assert GrantQuarter.objects.count() == 2
    with pytest.raises(PermissionDenied):
        services.report_quarter(user=other_manager, grant=grant, year=2023, quarter=3, spent="1")
    national = selectors.spuk_national()
    assert national.total == Decimal("500000") and national.spent == Decimal("300000")
    assert national.budget == spuk.NATIONAL_TOTAL == Decimal("15000000")
    assert national.remaining == Decimal("14500000") and national.granted_share == Decimal("3.3")
    assert national.per_quarter == [(2023, 1, Decimal("100000")), (2023, 2, Decimal("200000"))]


# --- API and pages: a service sees its own people, the ministry national aggregates -----------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_shows_a_service_its_own_people_and_the_ministry_none(own, other, manager, other_manager, office):
    mine = StaffMemberFactory(service=own, name="Eigen Persoon")
    theirs = StaffMemberFactory(service=other, name="Andere Persoon")
    CompetenceFactory(staff=theirs)
    listed = client_for(manager).get("/api/v1/capacity/staff").json()["results"]
    assert [r["id"] for r in listed] == [mine.pk]
    assert client_for(manager).get(f"/api/v1/capacity/staff/{theirs.pk}").status_code == 404
    assert client_for(office).get("/api/v1/capacity/staff").json()["results"] == []
    matrix = client_for(office).get("/api/v1/capacity/assessment/national")
    assert matrix.status_code == 200
    assert {r["service"] for r in matrix.json()} >= {own.code, other.code}
    assert "Andere Persoon" not in matrix.content.decode()
    assert client_for(manager).get("/api/v1/capacity/assessment/national").status_code == 403
    assert client_for(office).get("/api/v1/capacity/assessment").status_code == 403


def test_the_api_creates_staff_and_competences_and_refuses_bad_input_as_problem(own, manager, inspector):
    created = client_for(manager).post(
        "/api/v1/capacity/staff", {"name": "Nieuw", "hours_per_year": 1200, "active_from": "2024-01-01"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    staff_id = created.json()["id"]
    competence = client_for(manager).post(
        "/api/v1/capacity/competences",
        {"staff": staff_id, "task_area": "SP-GELUID", "education": "hbo", "experience_years": "2.5",
         "hours_per_year": 300, "valid_from": "2024-01-01"},
        content_type="application/json",
    )  # fmt: skip
    assert competence.status_code == 201, competence.content
    bad = client_for(manager).post(
        "/api/v1/capacity/staff", {"name": "X", "hours_per_year": 1200, "active_from": "2024-01-01",
                                     "active_to": "2023-01-01"}, content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in bad.json()["invalid-params"]] == ["active_to"]
    refused = client_for(inspector).patch(
        f"/api/v1/capacity/staff/{staff_id}", {"hours_per_year": 1}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_the_pages_render_for_the_service_and_the_ministry(own, manager, office):
    member = StaffMemberFactory(service=own, name="Fleur Smit")
    competence = CompetenceFactory(staff=member)
    client = client_for(manager)
    for path in ("/capaciteit/", "/capaciteit/medewerkers/", f"/capaciteit/medewerkers/{member.pk}/",
                 f"/capaciteit/bekwaamheden/{competence.pk}/", "/capaciteit/kwaliteitscriteria/",
                 "/capaciteit/mandaten/", "/capaciteit/spuk/", "/capaciteit/medewerkers/nieuw/"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    assert "Fleur Smit" in client.get("/capaciteit/medewerkers/").content.decode()
    ministry = client_for(office)
    assert ministry.get("/capaciteit/").url == "/capaciteit/landelijk/"
    for path in ("/capaciteit/landelijk/", "/capaciteit/mandaten/landelijk/", "/capaciteit/spuk/landelijk/"):
        page = ministry.get(path)
        assert page.status_code == 200 and "Fleur Smit" not in page.content.decode(), path
    assert ministry.get(f"/capaciteit/medewerkers/{member.pk}/").status_code == 404
    assert client.get("/capaciteit/landelijk/").status_code == 403


def test_a_page_form_stores_staff_and_shows_a_dutch_error(own, manager):
    client = client_for(manager)
    bad = client.post(
        "/capaciteit/medewerkers/nieuw/",
        {"name": "Gijs", "hours_per_year": "1000", "active_from": "2024-05-01", "active_to": "2024-01-01"},
    )
    assert bad.status_code == 200 and "De einddatum ligt vóór de begindatum." in bad.content.decode()
    good = client.post(
        "/capaciteit/medewerkers/nieuw/", {"name": "Gijs", "hours_per_year": "1000", "active_from": "2024-05-01"}
    )
    assert good.status_code == 302 and StaffMember.objects.filter(name="Gijs", service=own).exists()


def test_the_synthetic_capacity_differs_per_region(own, other, ministry):
    from openvth.capacity.synthetic import ensure_capacity_demo

    ensure_capacity_demo()
    ensure_capacity_demo()  # repeatable
    counts = {s: StaffMember.objects.filter(service=s).count() for s in (own, other)}
    assert all(counts.values())
    assert QualityCriteriaVersion.objects.filter(organisation=ministry).count() == 1
    total = selectors.spuk_national().total
    assert Decimal("14000000") < total <= spuk.NATIONAL_TOTAL
    matrix = selectors.national_matrix(clock.today())
    assert {len(r.cells) for r in matrix} == {len(quality.TaskArea)}
