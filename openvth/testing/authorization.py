"""The authorization matrix (issue 14, item 5): every URL pattern, read from the URL configuration, with the record
each path parameter names; and a world of two services to run every role against.

`endpoints()` walks `django.urls.get_resolver()`: a pattern added anywhere shows up here, and `record_model()` fails
with the pattern's name when nothing says which record a path parameter is. `build_world()` makes, in each of two
omgevingsdiensten ("own" and "other"), the same set of records and one user per role; the own service shares with
a chain partner (ILT) and not with another (police); a ministry reads nationally.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.core.files.base import ContentFile
from django.db.models import Model, Q
from django.urls import URLPattern, URLResolver, get_resolver

from openvth.accounts.models import Role
from openvth.core import clock

API = "api/v1/"
PUBLIC_API = "api/v1/public/"
# pages without login: the public site, the complaint form, signing in, the inspector's calendar feed (a token)
PUBLIC_PREFIXES = ("openbaar/", "melding/", "login/", "logout/", "wachtwoord-", "oidc/", "health/", PUBLIC_API)
TOKEN_NAMES = {"supervision:calendar_feed"}
PUBLIC_NOT_FOUND = {"password_reset_confirm", "oidc_start"}  # links made up by the matrix
SKIPPED_PREFIXES = ("admin/",)  # the Django admin has its own staff check
SKIPPED_NAMES = {"api-schema", "api-openapi-json", "api-openapi-yaml"}  # the OpenAPI document: no records

# the route up to a path parameter (parameters written as <name>) -> the model whose id it takes. DRF viewsets need
# no entry for their `pk`: `view.queryset.model` says it. A new pattern with a parameter not listed fails the matrix.
PARAM_MODELS = {
    "api/v1/establishments/<pk>": "register.Establishment",
    "api/v1/organisations/<code>": "register.Organisation",
    "api/v1/activity-types/<code>": "register.ActivityType",
    "api/v1/establishments/hand-overs/<hand_over>": "register.HandOver",
    "api/v1/companies/<pk>": "register.Company",
    "api/v1/findings/<pk>": "supervision.Finding",
    "api/v1/public/publications/<pk>": "disclosure.Publication:published",
    "api/v1/public/companies/<pk>": "register.Company",
    "api/v1/public/establishments/<pk>": "register.Establishment:permit_released",
    "vestigingen/<pk>": "register.Establishment",
    "bedrijven/<pk>": "register.Company",
    "organisaties/<pk>": "register.Organisation",
    "basistaken/<pk>": "register.Organisation:province",
    "vergunningen/aanvragen/<pk>": "permits.Application",
    "vergunningen/besluiten/<pk>": "permits.Decision",
    "toezicht/programma/<pk>": "supervision.Programme",
    "toezicht/bezoeken/<pk>": "supervision.PlannedVisit",
    "toezicht/inspecties/<pk>": "supervision.Inspection",
    "toezicht/inspecties/<pk>/antwoorden/<item>": "supervision.ChecklistItem",
    "toezicht/inspecties/<pk>/bevindingen/<finding_pk>": "supervision.Finding",
    "toezicht/inspecties/<pk>/bijlagen/<attachment_pk>": "supervision.Attachment",
    "toezicht/meldingen/<pk>": "supervision.Complaint",
    "handhaving/zaken/<pk>": "enforcement.EnforcementCase",
    "handhaving/bevindingen/<pk>": "supervision.Finding",
    "handhaving/besluiten/<pk>": "enforcement.Letter",
    "handhaving/beleid/<pk>": "register.Organisation:authority",
    "ketendossier/bedrijven/<pk>": "register.Company",
    "ketendossier/afspraken/<pk>": "sharing.SharingAgreement",
    "publicaties/voorstellen/inspectie/<pk>": "supervision.Inspection",
    "publicaties/voorstellen/besluit/<pk>": "enforcement.Letter",
    "publicaties/<pk>": "disclosure.Publication",
    "openbaar/bedrijven/<pk>": "register.Company",
    "openbaar/publicaties/<pk>": "disclosure.Publication:published",
    "ibp/acties/<pk>": "monitoring.ProgrammeAction",
    "account/api-tokens/<pk>": "accounts.ApiToken:mine",
    "notificaties/<pk>": "notifications.Notification:mine",
    "taken/<pk>": "jobs.Job",
    "account/beheer/<pk>": "accounts.User:colleague",
    "ibp/rapportages/<pk>": "monitoring.ProgrammeReport",
    "beheer/gebruikers/<pk>": "accounts.User:colleague",
    "beheer/mandaten/<pk>": "register.Mandate",
    "beheer/basistaken/<pk>": "register.Organisation:authority",
    "beheer/briefsjablonen/<pk>": "register.Organisation:authority",
    "beheer/checklists/<pk>": "supervision.ChecklistVersion",
    "intake/<pk>": "intake.IntakeRequest",
    "intake/<pk>/bijlagen/<attachment>": "intake.IntakeAttachment",
    "webhooks/<pk>": "webhooks.Subscription",
    "capaciteit/medewerkers/<pk>": "capacity.StaffMember",
    "capaciteit/bekwaamheden/<pk>": "capacity.Competence",
    "regionaal-plan/<pk>": "regional.RegionalPlan",
    "openbaar/uitvoeringsprogramma-ied/<pk>": "regional.RegionalPlan:adopted",
    "visitaties/<pk>": "quality.Visitation",
    "ilt-onderzoeken/<pk>": "quality.Investigation",
    "aanbevelingen/<pk>": "quality.Recommendation",
    "publicaties/voorstellen/vergunning/<pk>": "register.Establishment",
    "openbaar/vestigingen/<pk>": "register.Establishment:permit_released",
}
# parameters that are not records: (url name, parameter) -> value
PARAM_VALUES = {
    ("establishment-provision-history", "number"): "1",
    ("permits:provision", "number"): "1",
    ("permits:application_action", "action"): "verdagen",
    ("enforcement:case_step", "event"): "sluiten",
    ("disclosure:publication_step", "name"): "goedkeuren",
    ("monitoring:quality_rule", "code"): None,  # the first data-quality rule, filled in by the world
    ("supervision:calendar_feed", "token"): None,
    ("disclosure:public_download", "fmt"): "csv",
    ("disclosure:public_download_dataset", "dataset"): "vergunningvoorschriften",
    ("disclosure:public_download_dataset", "fmt"): "csv",
    ("password_reset_confirm", "uidb64"): "MQ",
    ("password_reset_confirm", "token"): "set-password",
    ("administration:letter_template", "kind"): "warning",
    ("oidc_start", "slug"): "onbekend",  # the inspector's token, filled in by the world
}
# query parameters an endpoint needs to answer at all
QUERIES = {
    "company-chain-dossier": {"purpose": "supervision"},
    "sharing:dossier": {"doel": "supervision", "purpose": "supervision"},
    "establishment-permit-diff": {"from": "2020-01-01", "to": "2026-01-01"},
    "permits:permit_diff": {"van": "2020-01-01", "tot": "2026-01-01", "from": "2020-01-01", "to": "2026-01-01"},
}

_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Endpoint:
    name: str  # the namespaced URL name
    route: str  # the route with parameters written as <name>
    kind: str  # "api" (staff API), "public" (no login), "token" (a secret in the path), "ui" (staff pages)
    methods: tuple[str, ...]  # for DRF: what the view answers; for pages: GET (and what a class-based view has)
    params: tuple[str, ...]
    view: object = field(compare=False, hash=False)
    action: str = ""  # a DRF viewset's action for GET ("list", "retrieve", "visits", ...)

    def __str__(self) -> str:
        return f"{self.name} /{self.route}"


def normalise(route: str) -> str:
    route = _GROUP.sub(r"<\1>", route).replace("^", "").replace("$", "").replace("\\.", ".")
    return _CONVERTER.sub(r"<\1>", route)


def _walk(resolver, prefix: str = "", namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespace


def _methods(callback) -> tuple[str, ...]:
    if actions := getattr(callback, "actions", None):  # a DRF viewset route
        return tuple(sorted(method.upper() for method in actions))
    view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view is not None:
        names = [m for m in view.http_method_names if m not in ("options", "head", "trace") and hasattr(view, m)]
        return tuple(sorted(method.upper() for method in names))
    return ("GET",)


def _kind(route: str, name: str) -> str:
    if name in TOKEN_NAMES:
        return "token"
    if route.startswith(PUBLIC_PREFIXES):
        return "public"
    return "api" if route.startswith(API) else "ui"


def endpoints() -> list[Endpoint]:
    """Every named URL pattern but the admin's, once (DRF's `.json` format variants are the same view)."""
    found: dict[tuple[str, str], Endpoint] = {}
    for raw, pattern, namespace in _walk(get_resolver()):
        route = normalise(raw)
        if route.startswith(SKIPPED_PREFIXES) or pattern.name is None or pattern.name in SKIPPED_NAMES:
            continue
        if "<format>" in route:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        view = getattr(pattern.callback, "cls", None) or getattr(pattern.callback, "view_class", pattern.callback)
        params = tuple(_CONVERTER.findall(route))
        action = (getattr(pattern.callback, "actions", None) or {}).get("get", "")
        endpoint = Endpoint(name, route, _kind(route, name), _methods(pattern.callback), params, view, action)
        found.setdefault((name, route), endpoint)
    return sorted(found.values(), key=lambda e: e.route)


def record_model(endpoint: Endpoint, param: str) -> str | None:
    """The model label ('app.Model', with ':variant' for a particular kind of record) of a path parameter; None
    for a parameter that is a value, not a record. A parameter nothing describes is an AssertionError."""
    if (endpoint.name, param) in PARAM_VALUES:
        return None
    key = endpoint.route[: endpoint.route.index(f"<{param}>") + len(param) + 2]
    if key in PARAM_MODELS:
        return PARAM_MODELS[key]
    queryset = getattr(endpoint.view, "queryset", None)
    if param == "pk" and queryset is not None:
        return queryset.model._meta.label
    raise AssertionError(
        f"{endpoint}: nothing says which record the path parameter '{param}' names. Add the route up to it "
        f"('{key}') to PARAM_MODELS (or the value to PARAM_VALUES) in openvth/testing/authorization.py."
    )


def param_value(endpoint: Endpoint, param: str, record) -> str:
    """What the path holds for a record: its pk, or the field a viewset looks records up by (`code`)."""
    lookup = getattr(endpoint.view, "lookup_field", "pk")
    return str(
        getattr(
            record, lookup if param == getattr(endpoint.view, "lookup_url_kwarg", None) or param == lookup else "pk"
        )
    )


def is_scoped(model: type[Model]) -> bool:
    return hasattr(getattr(model, "objects", None), "visible_to")


def scoped_models() -> list[type[Model]]:
    return [m for m in apps.get_models() if is_scoped(m)]


# the scoped models the world makes rows of on both sides; a new scoped model must be added here (and to `_side`)
WORLD_MODELS = frozenset({
    "register.Mandate", "register.Company", "register.Establishment", "register.Activity", "register.HandOver",
    "permits.Application", "permits.Decision", "permits.ProvisionVersion", "supervision.RiskAppraisal",
    "supervision.Programme", "supervision.Inspection", "supervision.Finding", "supervision.Complaint",
    "enforcement.LhsoDecision", "enforcement.EnforcementCase", "enforcement.LetterTemplate",
    "sharing.SharingAgreement", "disclosure.Publication", "monitoring.ProgrammeReport", "monitoring.ProgrammeAction",
    "jobs.Job", "webhooks.Subscription", "intake.IntakeRequest",
    "capacity.StaffMember", "capacity.Competence", "capacity.Certificate", "capacity.QualityCriteriaVersion",
    "capacity.Grant", "capacity.GrantQuarter",
    "analysis.Initiative",
    "regional.RegionalPlan", "regional.PlanGoal", "regional.Adoption",
    "quality.Visitation", "quality.Investigation", "quality.Recommendation",
    "costs.HourlyRate", "costs.Budget", "costs.HourEntry", "costs.NormHoursVersion",
})  # fmt: skip
NATIONAL = frozenset({"monitoring.ProgrammeReport", "monitoring.ProgrammeAction"})  # readable by every organisation
# read by the ministry and the ILT for every service (the kind of their organisation, not an agreement), by no one
# else outside the service (regional.models.national_q)
READ_BY_NATIONAL_BODIES = frozenset({
    "regional.RegionalPlan", "regional.PlanGoal", "regional.Adoption",
    "quality.Visitation", "quality.Investigation", "quality.Recommendation",
    "costs.HourlyRate", "costs.Budget", "costs.HourEntry", "costs.NormHoursVersion",
})  # fmt: skip


def is_national_body(user) -> bool:
    from openvth.regional.models import NATIONAL_KINDS

    return user.organisation is not None and user.organisation.kind in NATIONAL_KINDS


# rule tables and measurements of an organisation: a stored version changes what every other record means, so the
# world keeps the shipped defaults; their scoping is tested in their apps
NOT_IN_WORLD = frozenset({
    "supervision.RiskTableVersion", "enforcement.LhsoTableVersion", "enforcement.PolicyTableVersion",
    "monitoring.QualityScore", "monitoring.KpiValue",
})  # fmt: skip


# --- the world ---------------------------------------------------------------------------------------------------

SERVICE_ROLES = (
    Role.PERMIT_OFFICER,
    Role.INSPECTOR,
    Role.ENFORCEMENT_LAWYER,
    Role.MANAGER,
    Role.PUBLICATION_OFFICER,
    Role.ADMINISTRATOR,
)
ENFORCEMENT_MANDATES = (
    "warning", "last_onder_dwangsom", "last_onder_bestuursdwang", "bestuurlijke_boete",
    "bestuurlijke_strafbeschikking", "invorderingsbeschikking", "gedoogbeschikking", "beslissing_op_bezwaar",
)  # fmt: skip


@dataclass
class Side:
    """The records and users of one omgevingsdienst; `records` maps a model label (with variant) to its record."""

    name: str
    service: object
    municipality: object
    users: dict = field(default_factory=dict)  # principal name -> user
    records: dict = field(default_factory=dict)
    establishments: list = field(default_factory=list)
    companies: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)  # scoped model -> ids of the rows made for this side


@dataclass
class World:
    own: Side
    other: Side
    principals: dict  # principal name -> user (every user of both sides and the national ones)
    agreement_owners: dict  # organisation id -> ids of the organisations sharing with it today

    def side(self, name: str) -> Side:
        return self.own if name == "own" else self.other

    @property
    def establishments(self) -> list:
        return self.own.establishments + self.other.establishments

    @property
    def companies(self) -> list:
        return self.own.companies + self.other.companies


def _days_ago(days: int) -> date:
    return clock.today() - timedelta(days=days)


def _side(
    name: str, service, municipality, neighbour, words: tuple[str, str, str, str], *, partner, receiver, inspectorate
) -> Side:
    """The records of one service; it shares everything with `partner`, proposes to hand an establishment over to
    `receiver` and is involved in an investigation of `inspectorate`."""
    from openvth.accounts.services import create_api_token
    from openvth.accounts.tests.factories import UserFactory
    from openvth.disclosure.models import Publication
    from openvth.disclosure.tests.factories import publication
    from openvth.enforcement import services as enforcement
    from openvth.enforcement.configuration import save_letter_template
    from openvth.intake.models import IntakeAttachment, IntakeRequest
    from openvth.jobs.models import Job
    from openvth.monitoring.models import ProgrammeAction, ProgrammeReport
    from openvth.notifications.models import Delivery, Notification
    from openvth.notifications.models import Kind as NotificationKind
    from openvth.permits import services as permits
    from openvth.permits.tests.factories import ApplicationFactory, grant, permit_mandates
    from openvth.register.models import HandOver, Mandate
    from openvth.register.tests.factories import ActivityFactory, CompanyFactory, EstablishmentFactory
    from openvth.sharing.tests.factories import SharingAgreementFactory
    from openvth.supervision.models import Attachment, Complaint, PlannedVisit, Programme
    from openvth.supervision.services.agenda import renew_calendar_feed
    from openvth.supervision.services.planning import appraise_establishment
    from openvth.supervision.tests.factories import FindingFactory, InspectionFactory, checklist
    from openvth.webhooks.models import Subscription

    side = Side(name, service, municipality)
    code = service.code
    for role in SERVICE_ROLES:
        side.users[role.value] = UserFactory(username=f"{code}-{role.value}", organisation=service, role=role)
    side.users["authority_official"] = UserFactory(
        username=f"{code}-gemeente", organisation=municipality, role=Role.AUTHORITY_OFFICIAL
    )
    users = side.users
    first, second, third, fourth = words
    company = CompanyFactory(owner=service, name=f"{first} Holding B.V.")
    neighbour_company = CompanyFactory(owner=service, name=f"{second} Holding B.V.")
    e1 = EstablishmentFactory(owner=service, company=company, name=f"{third} Werkplaats", municipality=municipality)
    e2 = EstablishmentFactory(
        owner=service, company=neighbour_company, name=f"{fourth} Werkplaats", municipality=neighbour
    )
    e3 = EstablishmentFactory(owner=service, company=company, name=f"{first} Opslag", municipality=municipality)
    side.establishments, side.companies = [e1, e2, e3], [company, neighbour_company]
    activity = ActivityFactory(establishment=e1)

    officer, inspector, jurist = users["permit_officer"], users["inspector"], users["enforcement_lawyer"]
    permit_mandates(officer, municipality, valid_from=date(2019, 1, 1))
    for decision_type in ENFORCEMENT_MANDATES:
        Mandate.objects.create(
            holder=jurist, authority=municipality, decision_type=decision_type, valid_from=date(2020, 1, 1)
        )
    decision = permits.record_decision(
        user=officer, establishment=e1, **grant("1", reference=f"V-{code}-1", effective="2020-01-01")
    )
    application = ApplicationFactory(establishment=e1, received_on=_days_ago(10), reference=f"OLO-{code}")

    version = checklist(name=f"Matrixlijst {code}", valid_from=date(2020, 1, 1), items=2)
    inspection = InspectionFactory(
        establishment=e1, planned_on=_days_ago(60), performed_on=_days_ago(60), checklist=version
    )
    inspection.inspectors.add(inspector)
    finding = FindingFactory(inspection=inspection)
    criminal_finding = FindingFactory(inspection=inspection, general_rule="Bal art. 4.104", description="Lozing")
    for found in (finding, criminal_finding):
        enforcement.record_lhso_decision(
            user=jurist, finding=found, behaviour="B", chosen=["warning", "last_onder_dwangsom"]
        )
    case = enforcement.open_case(
        user=jurist, findings=[finding], route="herstel", violation_type="afval", on=_days_ago(40)
    )
    enforcement.transition(
        user=jurist, case=case, event="waarschuwen", on=_days_ago(39), term_amount=10, term_unit="days"
    )
    criminal_case = enforcement.open_case(
        user=jurist, findings=[criminal_finding], route="strafrecht", on=_days_ago(38)
    )
    attachment = Attachment.objects.create(
        inspection=inspection,
        finding=finding,
        file=ContentFile(b"%PDF-1.4 matrix", name="foto.pdf"),
        uploaded_by=inspector,
    )

    programme = Programme.objects.create(service=service, year=clock.today().year, capacity_hours=100)
    visits = [
        PlannedVisit.objects.create(
            programme=programme, establishment=e, month=clock.today().month, hours=4, inspector=inspector
        )
        for e in (e1, e2)
    ]
    complaint = Complaint.objects.create(
        service=service,
        establishment=e1,
        subject=Complaint.Subject.NOISE,
        description="Lawaai in de nacht.",
        location=f"{e1.street} {e1.house_number}, {e1.place}",
    )
    proposed = publication(e1, status=Publication.Status.PROPOSED, title=f"Inspectie {third} (voorstel)")
    published = publication(e1, status=Publication.Status.PUBLISHED, title=f"Inspectie {third}")
    agreement = SharingAgreementFactory(owner=service, partners=[partner])
    hand_over = HandOver.objects.create(
        establishment=e3,
        field=HandOver.Field.SUPERVISING_SERVICE,
        from_organisation=service,
        to_organisation=receiver,
        proposed_by=users["manager"],
        proposed_at=clock.now(),
    )
    report = ProgrammeReport.objects.create(
        title=f"Voortgangsrapportage {code}",
        period=date(2024, 1, 1) if name == "own" else date(2024, 6, 1),
        source_name=f"{code}.md",
        digest=f"{code:0<64}"[:64],
    )
    action = ProgrammeAction.objects.create(
        report=report,
        recommendation=1,
        recommendation_title="Versterken",
        pillar="toezicht",
        position=1,
        line=1,
        action="Een actie",
        status=ProgrammeAction.Status.PLANNED,
    )
    appraise_establishment(user=users["manager"], establishment=e1)
    save_letter_template(user=users["manager"], authority=municipality, kind="warning", body="Geachte directie,")
    side.extra["token"] = renew_calendar_feed(user=inspector)
    api_token, _ = create_api_token(user=users["manager"], name=f"Koppeling {code}", days=30)
    job = Job.objects.create(kind="export", organisation=service, requested_by=users["manager"], created_at=clock.now())
    notification = Notification.objects.create(
        recipient=users["manager"],
        kind=NotificationKind.values[0],
        title=f"Termijn {third} Werkplaats",
        url="/",
        delivery=Delivery.values[0],
        created_at=clock.now(),
    )
    intake = IntakeRequest.objects.create(owner=service, verzoeknummer=f"MATRIX-{code}", notified_at=clock.now())
    intake_attachment = IntakeAttachment.objects.create(
        request=intake, document_id="DOC-1", name="bijlage.pdf", file=ContentFile(b"%PDF-1.4 bijlage", name="b.pdf")
    )
    subscription = Subscription.objects.create(
        organisation=service, name=f"Koppeling {code}", target_url="https://ontvanger.example/openvth",
        kinds=["inspections"], secret_salt=code, secret_hint="whsec_", created_at=clock.now(),
    )  # fmt: skip
    from openvth.capacity.tests.factories import matrix_records

    capacity = matrix_records(service, users["manager"])
    from openvth.analysis.tests.factories import matrix_records as analysis_records

    capacity |= analysis_records(service)
    from openvth.quality.tests.factories import matrix_records as quality_records
    from openvth.regional.tests.factories import matrix_records as regional_records

    capacity |= regional_records(service, users["manager"]) | quality_records(service, users["manager"], inspectorate)
    from openvth.costs.tests.factories import matrix_records as costs_records

    capacity |= costs_records(service, users["manager"])
    from openvth.disclosure import services as disclosure

    reviewer = users["publication_officer"]
    release = disclosure.propose_permit(user=officer, establishment=e1)
    disclosure.publish(user=reviewer, publication=disclosure.approve(user=reviewer, publication=release))
    side.extra["criminal_case"] = criminal_case
    side.extra["hand_over"] = hand_over
    side.records = {
        "register.Establishment": e1,
        "register.Establishment:permit_released": e1,
        "register.Company": company,
        "register.Organisation": service,
        "register.ActivityType": activity.activity_type,
        "register.Mandate": Mandate.objects.filter(holder=officer).first(),
        "register.Organisation:authority": municipality,
        "register.HandOver": hand_over,
        "permits.Application": application,
        "permits.Decision": decision,
        "supervision.Inspection": inspection,
        "supervision.Finding": finding,
        "supervision.ChecklistItem": version.items.first(),
        "supervision.ChecklistVersion": version,
        "supervision.Attachment": attachment,
        "supervision.Programme": programme,
        "supervision.PlannedVisit": visits[0],
        "supervision.Complaint": complaint,
        "enforcement.EnforcementCase": case,
        "enforcement.Letter": case.letters.get(),
        "sharing.SharingAgreement": agreement,
        "disclosure.Publication": proposed,
        "disclosure.Publication:published": published,
        "monitoring.ProgrammeReport": report,
        "monitoring.ProgrammeAction": action,
        "accounts.ApiToken:mine": api_token,
        "accounts.User:colleague": inspector,
        "jobs.Job": job,
        "notifications.Notification:mine": notification,
        "intake.IntakeRequest": intake,
        "intake.IntakeAttachment": intake_attachment,
        "webhooks.Subscription": subscription,
        **capacity,
    }
    return side


def _rows() -> dict:
    return {model: set(model.objects.values_list("pk", flat=True)) for model in scoped_models()}


def build_world() -> World:
    """Two services with the same records, their municipalities, ILT with an agreement of the own service, the police
    without any, and the ministry; one user per role in each."""
    from openvth.accounts.tests.factories import UserFactory
    from openvth.register.models import BasistaakPlacement, Organisation
    from openvth.register.tests.factories import (
        OrganisationFactory,
        ProvinceFactory,
        ServiceFactory,
        TaskCategoryFactory,
    )
    from openvth.sharing import selectors as sharing

    own = ServiceFactory(name="Omgevingsdienst Eigen Matrix", code="OD-EIGEN")
    other = ServiceFactory(name="Omgevingsdienst Ander Matrix", code="OD-ANDER")
    third = ServiceFactory(name="Omgevingsdienst Derde Matrix", code="OD-DERDE")  # has no users here
    kind = Organisation.Kind
    ilt = OrganisationFactory(name="Inspectie Leefomgeving en Transport", kind=kind.INSPECTORATE, code="ILT-MATRIX")
    police = OrganisationFactory(name="Politie Eenheid Matrix", kind=kind.POLICE, code="POL-MATRIX")
    ministry = OrganisationFactory(name="Ministerie van IenW Matrix", kind=kind.MINISTRY, code="IENW-MATRIX")
    category = TaskCategoryFactory()
    municipalities = {}
    for service, names in ((own, ("Eigenstad", "Buurdorp")), (other, ("Elderstad", "Verweg"))):
        province = ProvinceFactory()
        for town in names:
            municipality = OrganisationFactory(name=f"Gemeente {town}", omgevingsdienst=service, province=province)
            BasistaakPlacement.objects.create(
                authority=municipality, task_category=category, service=service, placed=True
            )
            municipalities.setdefault(service.code, []).append(municipality)
        municipalities.setdefault("province", []).append(province)

    before = _rows()
    own_side = _side(
        "own",
        own,
        *municipalities[own.code],
        ("Lynx", "Otter", "Kiwi", "Mango"),
        partner=ilt,
        receiver=third,
        inspectorate=ilt,
    )
    middle = _rows()
    other_side = _side(
        "other",
        other,
        *municipalities[other.code],
        ("Bever", "Das", "Papaja", "Dadel"),
        partner=third,
        receiver=third,
        inspectorate=ilt,
    )
    own_side.rows = {m: middle[m] - before[m] for m in middle if middle[m] - before[m]}
    other_side.rows = {m: rows - middle[m] for m, rows in _rows().items() if rows - middle[m]}
    own_side.records["register.Organisation:province"] = municipalities["province"][0]
    other_side.records["register.Organisation:province"] = municipalities["province"][1]

    principals = {f"own {name}": user for name, user in own_side.users.items()}
    principals |= {
        "ilt chain_partner (agreement)": UserFactory(username="ilt", organisation=ilt, role=Role.CHAIN_PARTNER),
        "police chain_partner (no agreement)": UserFactory(
            username="politie", organisation=police, role=Role.CHAIN_PARTNER
        ),
        "ministry programme_office": UserFactory(username="ienw", organisation=ministry, role=Role.PROGRAMME_OFFICE),
    }
    principals |= {f"other {name}": user for name, user in other_side.users.items()}
    today = clock.today()
    sharing_with = {
        user.organisation_id: {a.owner_id for a in sharing.active_agreements(user.organisation_id, today)}
        for user in principals.values()
    }
    return World(own_side, other_side, principals, sharing_with)


def visible(user, label: str, record) -> bool:
    """Whether the user may open this record by the scoping rules (an unscoped model: every signed-in user), with
    the rules some pages add for a kind of organisation."""
    model_label, _, variant = label.partition(":")
    model = apps.get_model(model_label)
    if variant == "mine":  # a user's own keys and messages
        holder = getattr(record, "user_id", None) or getattr(record, "recipient_id", None)
        return holder == user.pk
    if variant == "colleague":  # accounts of the own organisation
        return record.organisation_id == user.organisation_id
    if variant == "authority":  # an authority's own policy tables: the authority and its omgevingsdienst
        return user.organisation_id in (record.pk, record.omgevingsdienst_id)
    if not is_scoped(model):
        return True
    return model.objects.visible_to(user).filter(pk=record.pk).exists()


def shared_establishment_q(world: World, user) -> Q:
    """The establishments a chain dossier may show the user beyond its own: of organisations sharing with it."""
    owners = world.agreement_owners.get(user.organisation_id, set())
    return Q(owner_id__in=owners) | Q(supervising_service_id__in=owners)
