"""Hours per task and per sheet line, their CSV import, rates, norm hours and budgets: services, selectors, pages
and API, with the scoping (a service its own hours, an authority its own figures, the ministry totals)."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.capacity.tests.factories import StaffMemberFactory
from openvth.core import clock
from openvth.core.models import ChangeRecord
from openvth.costs import selectors, services
from openvth.costs.models import Budget, HourEntry, HourlyRate, NormHoursVersion
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.permits.models import Application
from openvth.permits.tests.factories import ApplicationFactory
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.tests.factories import InspectionFactory

from .factories import BudgetFactory, HourlyRateFactory, SheetLineFactory

pytestmark = pytest.mark.django_db


def _day(offset: int) -> str:
    """The day `offset` days from the test clock's today, as an ISO date (today - 2 is 2026-11-16 on the default
    day, the Monday of its week)."""
    return (clock.today() + timedelta(days=offset)).isoformat()


@pytest.fixture
def establishment(own, town):
    return EstablishmentFactory(owner=own, municipality=town)


def _hours(user, service, **values):
    return services.record_hours(user=user, service=service, **{"day": _day(-2), "hours": "3.5", **values})


# --- recording hours ------------------------------------------------------------------------------------------------


def test_hours_on_a_task_take_its_product_area_and_authority(own, town, inspector, establishment):
    inspection = InspectionFactory(establishment=establishment, owner=own)
    entry = _hours(inspector, own, inspection=inspection)
    assert (entry.product, entry.task_area, entry.authority, entry.worker) == ("inspectie", "TZ-MIL", town, inspector)
    establishment.ied = True
    establishment.save()
    complex_entry = _hours(inspector, own, inspection=inspection, hours="1")
    assert (complex_entry.product, complex_entry.task_area) == ("inspectie-complex", "TZ-COMPLEX")
    extended = ApplicationFactory(establishment=establishment, procedure=Application.Procedure.EXTENDED)
    assert _hours(inspector, own, application=extended, hours="1").product == "vergunning-uitgebreid"
    case = EnforcementCaseFactory(establishment=establishment)
    assert _hours(inspector, own, case=case, hours="1").task_area == "HH-JUR"
    assert ChangeRecord.objects.filter(object_id=entry.pk, action=ChangeRecord.Action.CREATE).exists()


def test_a_sheet_line_needs_a_task_area_and_an_authority_of_the_service(own, town, elsewhere, inspector):
    with pytest.raises(ValidationError) as raised:
        _hours(inspector, own)
    assert set(raised.value.message_dict) == {"task_area", "authority"}
    with pytest.raises(ValidationError, match="geeft Omgevingsdienst Eigen geen opdrachten"):
        _hours(inspector, own, task_area="TZ-MIL", authority=elsewhere)
    assert _hours(inspector, own, task_area="TZ-MIL", authority=town.province).authority == town.province


def test_a_task_of_another_service_is_refused(own, other, inspector, elsewhere):
    foreign = InspectionFactory(establishment=EstablishmentFactory(owner=other, municipality=elsewhere), owner=other)
    with pytest.raises(ValidationError, match="geen taak van Omgevingsdienst Eigen"):
        _hours(inspector, own, inspection=foreign)


def test_only_a_manager_writes_hours_of_a_colleague(own, town, inspector, manager):
    colleague = StaffMemberFactory(service=own)
    with pytest.raises(PermissionDenied, match="eigen uren"):
        _hours(inspector, own, task_area="TZ-MIL", authority=town, staff=colleague)
    assert _hours(manager, own, task_area="TZ-MIL", authority=town, staff=colleague).staff == colleague
    mine = StaffMemberFactory(service=own, user=inspector)
    assert _hours(inspector, own, task_area="TZ-MIL", authority=town, staff=mine).staff == mine


def test_staff_of_another_service_may_not_write_here(own, town, other_manager):
    with pytest.raises(PermissionDenied):
        _hours(other_manager, own, task_area="TZ-MIL", authority=town)


@pytest.mark.parametrize(
    ("values", "field"),
    [({"hours": "0"}, "hours"), ({"hours": "24.01"}, "hours"), ({"hours": "1.001"}, "hours"),
     ({"day": timedelta(days=1)}, "day"), ({"day": "gisteren"}, "day"), ({"package": "extra"}, "package")],
)  # fmt: skip
def test_bad_hours_are_refused_per_field(own, town, inspector, values, field):
    if isinstance(values.get("day"), timedelta):  # a day in the future, counted from the clock in the test
        values = {**values, "day": (clock.today() + values["day"]).isoformat()}
    with pytest.raises(ValidationError) as raised:
        _hours(inspector, own, task_area="TZ-MIL", authority=town, **values)
    assert field in raised.value.message_dict
    assert not HourEntry.objects.exists()


def test_no_more_than_24_hours_a_day(own, town, inspector):
    _hours(inspector, own, task_area="TZ-MIL", authority=town, hours="20")
    with pytest.raises(ValidationError, match="meer dan 24 uur"):
        _hours(inspector, own, task_area="TZ-MIL", authority=town, hours="4.25")
    _hours(inspector, own, task_area="TZ-MIL", authority=town, hours="4")  # exactly 24


def test_the_database_holds_one_task_or_a_sheet_line(own, town, inspector, establishment):
    inspection = InspectionFactory(establishment=establishment, owner=own)
    case = EnforcementCaseFactory(establishment=establishment)
    with pytest.raises(IntegrityError), transaction.atomic():
        SheetLineFactory(service=own, authority=town, inspection=inspection, case=case, product="inspectie")
    with pytest.raises(IntegrityError), transaction.atomic():
        SheetLineFactory(service=own, authority=town, product="inspectie")  # a product without a task
    with pytest.raises(IntegrityError), transaction.atomic():
        SheetLineFactory(service=own, authority=town, staff=None, worker=None)


# --- CSV import -----------------------------------------------------------------------------------------------------

HEADER = ";".join(services.CSV_COLUMNS) + "\n"


def test_import_stores_every_line(own, town, manager, inspector, establishment):
    inspection = InspectionFactory(establishment=establishment, owner=own)
    StaffMemberFactory(service=own, name="Anna de Vries")
    content = (
        HEADER
        + f"{_day(-2)};3,5;Anna de Vries;inspectie:{inspection.pk};;;;controle\n"
        + f"{_day(-1)};2;inspecteur-eigen;;SP-BODEM;GM-EIGEN;plus;advies\n"
    )
    assert services.import_hours(user=manager, service=own, content=content.encode()) == 2
    advice = HourEntry.objects.get(task_area="SP-BODEM")
    assert (advice.worker, advice.authority, advice.package) == (inspector, town, "plus")


def test_import_names_every_bad_line_and_stores_nothing(own, town, manager):
    day = _day(-2)
    content = (
        HEADER
        + f"{day};3;manager-eigen;;TZ-MIL;GM-EIGEN;;\n"
        + f"{day};veel;manager-eigen;;TZ-MIL;GM-EIGEN;;\n"
        + f"{day};2;Niemand;zaak:HH-ONBEKEND;;;;\n"
        + f"{day};2;manager-eigen;;TZ-MIL;GM-ELDERS;;\n"
    )
    with pytest.raises(ValidationError) as raised:
        services.import_hours(user=manager, service=own, content=content.encode())
    messages = raised.value.messages
    assert any(m.startswith("Regel 3: Uren") for m in messages)
    assert any(m.startswith("Regel 4: Medewerker 'Niemand'") for m in messages)
    assert any(m.startswith("Regel 5:") and "GM-ELDERS" in m for m in messages)
    assert not any(m.startswith("Regel 2") for m in messages)
    assert not HourEntry.objects.exists()


def test_import_refuses_a_file_without_the_columns(own, manager):
    with pytest.raises(ValidationError, match="medewerker ontbreken"):
        services.import_hours(user=manager, service=own, content=f"datum;uren\n{_day(-2)};3\n".encode())


# --- rates, norms, budgets ------------------------------------------------------------------------------------------


def test_rates_and_budgets_are_set_by_a_manager_and_changed_with_history(own, town, manager, inspector):
    with pytest.raises(PermissionDenied):
        services.set_rate(user=inspector, service=own, year=2026, rate="95")
    rate = services.set_rate(user=manager, service=own, year=2026, rate="95")
    services.set_rate(user=manager, service=own, year=2026, rate="97,50")
    rate.refresh_from_db()
    assert rate.rate == Decimal("97.50") and HourlyRate.objects.count() == 1
    assert ChangeRecord.objects.filter(object_id=rate.pk, action=ChangeRecord.Action.UPDATE).exists()
    with pytest.raises(ValidationError) as raised:
        services.set_rate(user=manager, service=own, year=1999, rate="0")
    assert set(raised.value.message_dict) == {"year", "rate"}
    budget = services.set_budget(
        user=manager, service=own, authority=town, year=2026, package="basis", hours="100", amount="9750"
    )
    assert budget.amount == Decimal("9750.00")


def test_norm_hours_are_versioned_after_the_newest_with_who_and_why(own, manager):
    services.store_norm_hours(
        user=manager, service=own, valid_from="2026-01-01", hours={"inspectie": "6"}, note="Begroting 2026"
    )
    with pytest.raises(ValidationError) as raised:
        services.store_norm_hours(user=manager, service=own, valid_from="2026-01-01", hours={"inspectie": "0"})
    assert set(raised.value.message_dict) == {"valid_from", "hours"}
    version = NormHoursVersion.objects.get()
    assert (version.created_by, version.note) == (manager, "Begroting 2026")
    assert selectors.norm_hours(own.pk, date(2026, 6, 1))["inspectie"] == Decimal(6)
    assert selectors.norm_hours(own.pk, date(2025, 6, 1))["inspectie"] == Decimal(8)  # the shipped default before


# --- figures --------------------------------------------------------------------------------------------------------


def _figures(own, town, inspector, establishment):
    HourlyRateFactory(service=own, year=2026, rate=Decimal("100.00"))
    first = InspectionFactory(establishment=establishment, owner=own)
    second = InspectionFactory(establishment=establishment, owner=own)
    _hours(inspector, own, inspection=first, hours="5", day="2026-02-10")
    _hours(inspector, own, inspection=first, hours="4", day="2026-02-11")
    _hours(inspector, own, inspection=second, hours="6.25", day="2026-05-10")
    _hours(inspector, own, task_area="TZ-MIL", authority=town, hours="2", day="2026-11-16")  # no norm
    BudgetFactory(service=own, authority=town, year=2026, package="basis", amount=Decimal("2000.00"))


def test_cost_per_product_and_area_against_the_norm(own, town, inspector, establishment):
    _figures(own, town, inspector, establishment)
    costs = selectors.costs(own, 2026)
    inspection = next(r.comparison for r in costs.per_product if r.code == "inspectie")
    assert (inspection.products, inspection.norm_hours, inspection.realised_hours) == (2, Decimal(16), Decimal("15.25"))
    assert (inspection.norm_cost, inspection.realised_cost) == (Decimal("1600.00"), Decimal("1525.00"))
    area = next(r.comparison for r in costs.per_area if r.code == "TZ-MIL")
    assert (area.norm_cost, area.realised_cost) == (Decimal("1600.00"), Decimal("1725.00"))  # the sheet line counts
    assert costs.total.realised_cost == Decimal("1725.00")


def test_no_rate_for_the_year_gives_a_clear_message_not_zero(own, town, inspector, establishment):
    _figures(own, town, inspector, establishment)
    assert selectors.costs(own, 2025).error == "Er is geen uurtarief voor 2025 vastgesteld."
    assert selectors.budget_overview(own, 2025).error


def test_budget_against_realised_per_quarter(own, town, inspector, establishment):
    _figures(own, town, inspector, establishment)
    (row,) = selectors.budget_overview(own, 2026).rows
    assert [q.cost for q in row.quarters] == [Decimal("900.00"), Decimal("625.00"), Decimal(0), Decimal("200.00")]
    assert [q.budget for q in row.quarters] == [Decimal("500.00")] * 4
    assert (row.cost, row.remaining) == (Decimal("1725.00"), Decimal("275.00"))


def test_an_authority_reads_its_own_figures_and_never_the_hours(own, town, inspector, official, establishment):
    _figures(own, town, inspector, establishment)
    assert not selectors.entries(official).exists()
    assert list(selectors.budgets(official)) == list(Budget.objects.filter(authority=town))
    assert selectors.rates(official).count() == 1
    assert selectors.authority_costs(town, 2026).cost == Decimal("1725.00")
    assert selectors.authority_costs(town.province, 2026).rows == []  # the province commissioned nothing here


def test_the_national_totals_hold_no_person(own, town, inspector, establishment):
    _figures(own, town, inspector, establishment)
    (row,) = selectors.national(2026)
    assert (row.service, row.hours, row.cost, row.budget) == (own, Decimal("17.25"), Decimal("1725.00"), Decimal(2000))


# --- pages ----------------------------------------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_sheet_shows_the_week_and_records_a_line(own, town, inspector, establishment):
    inspection = InspectionFactory(establishment=establishment, owner=own, status="open")
    client = _client(inspector)
    yesterday = clock.today() - timedelta(days=1)
    response = client.post(
        reverse("costs:sheet"),
        {"day": yesterday.isoformat(), "hours": "2,5", "inspection": inspection.pk, "package": "basis",
         "task_area": ""},
    )  # fmt: skip
    assert response.status_code == 302 and f"week={selectors.monday(yesterday).isoformat()}" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "2.50" in html or "2,50" in html
    assert str(inspection.establishment.name) in html
    bad = client.post(reverse("costs:sheet"), {"day": yesterday.isoformat(), "hours": "2", "package": "basis"})
    assert bad.status_code == 200 and "Er is niets opgeslagen" in bad.content.decode()


def test_the_rates_page_is_for_the_manager_to_change(own, town, manager, inspector):
    response = _client(manager).post(reverse("costs:rates"), {"tarief-year": "2026", "tarief-rate": "98.00"})
    assert response.status_code == 302 and HourlyRate.objects.get().rate == Decimal("98.00")
    response = _client(manager).post(
        reverse("costs:rates"),
        {"budget-authority": town.pk, "budget-year": "2026", "budget-package": "plus", "budget-hours": "10",
         "budget-amount": "980"},
    )  # fmt: skip
    assert response.status_code == 302 and Budget.objects.get().package == "plus"
    assert (
        _client(inspector).post(reverse("costs:rates"), {"tarief-year": "2026", "tarief-rate": "1"}).status_code == 403
    )
    assert "98,00" in _client(inspector).get(reverse("costs:rates")).content.decode()


def test_the_import_page_lists_every_error(own, manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("uren.csv", (HEADER + f"{_day(-2)};veel;manager-eigen;;TZ-MIL;GM-EIGEN;;\n").encode())
    html = _client(manager).post(reverse("costs:import"), {"file": upload}).content.decode()
    assert "Regel 2: Uren" in html and not HourEntry.objects.exists()


def test_the_overview_per_role(own, town, inspector, official, office, establishment):
    _figures(own, town, inspector, establishment)
    service_page = _client(inspector).get(reverse("costs:overview"), {"jaar": "2026"}).content.decode()
    assert "1.725,00" in service_page and town.name in service_page
    authority_page = _client(official).get(reverse("costs:overview"), {"jaar": "2026"}).content.decode()
    assert "1.725,00" in authority_page and inspector.get_full_name() not in authority_page
    national_page = _client(office).get(reverse("costs:overview"), {"jaar": "2026"}).content.decode()
    assert own.name in national_page and "2.000,00" in national_page
    chain = UserFactory(organisation=own, role=Role.CHAIN_PARTNER)
    chain.organisation = None
    chain.save()
    assert _client(chain).get(reverse("costs:overview")).status_code == 403


# --- API ------------------------------------------------------------------------------------------------------------


def test_api_records_hours_and_answers_the_figures_per_scope(own, town, inspector, official, office, establishment):
    _figures(own, town, inspector, establishment)
    client = _client(inspector)
    response = client.post(
        "/api/v1/costs/hours", json.dumps({"day": _day(-1), "hours": "1.5", "task_area": "SP-GELUID",
                                           "authority": town.code}), content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["authority"] == town.code
    bad = client.post("/api/v1/costs/hours", json.dumps({"day": _day(-1), "hours": "1.5"}), "application/json")
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    assert _client(official).get("/api/v1/costs/hours").json()["count"] == 0
    (figures,) = _client(official).get("/api/v1/costs/figures", {"year": 2026}).json()
    assert figures["service"] == own.code and figures["budgets"][0]["authority"] == town.code
    assert _client(official).get("/api/v1/costs/figures/national").status_code == 403
    national = _client(office).get("/api/v1/costs/figures/national", {"year": 2026}).json()
    assert national[0]["service"] == own.code and set(national[0]) == {"service", "name", "hours", "cost", "budget"}
    assert _client(office).get("/api/v1/costs/hours").json()["count"] == 0
    refused = _client(inspector).post(
        "/api/v1/costs/rates", json.dumps({"year": 2026, "rate": "1"}), "application/json"
    )
    assert refused.status_code == 403


def test_the_synthetic_costs_fill_the_pages_and_are_repeatable(own, town, inspector, establishment):
    from openvth.synthetic.costs import ensure_costs_demo

    today = clock.today()
    StaffMemberFactory(service=own)
    # a day of this year up to today (4 March on the default day)
    performed_on = max(date(today.year, 1, 1), today - timedelta(days=259))
    InspectionFactory(establishment=establishment, owner=own, performed_on=performed_on)
    stored = ensure_costs_demo()
    assert stored > 40 and HourlyRate.objects.filter(service=own).count() == 2
    assert ensure_costs_demo() == stored  # a service with a rate is left as it is
    costs = selectors.costs(own, today.year)
    assert not costs.error and next(r for r in costs.per_product if r.code == "inspectie").comparison.products == 1
    (row, *_rest) = selectors.budget_overview(own, today.year).rows
    assert row.budget_amount > 0 and row.cost > 0
