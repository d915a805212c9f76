"""The work of one person, for the home page and the counts in the menu: each block reads through its app's selectors
(scoped per user) and is shown only to a role that may use it (openvth.core.menu). A block reads its count and its
first `ROWS` rows in one query (the count a window over the whole result, `_first`), so the page costs the same number
of queries however much work there is; the two blocks of enforcement cases share one.
The counts are kept in the session for the menu of the other pages, which so cost no query for them."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openvth.core import clock
from openvth.core.menu import may_use
from openvth.disclosure import selectors as disclosure
from openvth.enforcement import permissions
from openvth.enforcement import selectors as enforcement
from openvth.monitoring import selectors as monitoring
from openvth.permits import selectors as permits
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.sharing import selectors as sharing
from openvth.supervision.models import Complaint, Inspection
from openvth.supervision.selectors import inspections as inspection_selectors
from openvth.supervision.selectors import planning as planning_selectors

ROWS = 5
REINSPECTION = "hercontrole_uitvoeren"  # a step of any enforcer, but fieldwork: for who may inspect


@dataclass(frozen=True)
class Row:
    text: str
    detail: str
    url: str
    warn: bool = False


@dataclass
class Block:
    key: str
    title: str
    url: str
    count: int
    rows: list[Row] = field(default_factory=list)
    empty: str = ""
    note: str = ""
    menu: str = ""  # the menu entry whose count this block is (openvth.core.menu.Entry.count)


@dataclass
class Work:
    blocks: list[Block]

    @property
    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for block in self.blocks:
            if block.menu:
                found[block.menu] = found.get(block.menu, 0) + block.count
        return found


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def week_end(today: date) -> date:
    """The Sunday that ends the current week (today itself on a Sunday)."""
    return today + timedelta(days=6 - today.weekday())


def work(user) -> Work:
    """The blocks of work the user's role may use."""
    today = clock.today()
    builders = (
        ("permits", _permit_terms),
        ("inspect", _my_inspections),
        ("inspect", _complaints),
        ("enforce", _enforcement_terms),
        ("enforce", _cases),
        ("review", _reviews),
        ("chain_dossier", _shared_with_me),
        ("monitoring", _figures),
    )
    return Work([block for capability, build in builders if may_use(user, capability) for block in build(user, today)])


def _first(found: QuerySet) -> tuple[int, list]:
    """How many rows `found` has and its first `ROWS`, in one query: the count is a window over the whole result."""
    rows = list(found.annotate(of=Window(Count("pk")))[:ROWS])
    return (rows[0].of if rows else 0), rows


# --- permits --------------------------------------------------------------------------------------------------------


def _permit_terms(user, today: date) -> list[Block]:
    due = permits.applications_due(user, today=today)
    late = sum(1 for _application, term in due if term.late)
    block = Block(
        "permit_terms", _("Beslistermijnen vergunningen"), reverse("permits:work_queue"), len(due), menu="permits",
        empty=_("Geen beslistermijn loopt de komende twee weken af."),
        note=_("%(late)d verstreken, %(soon)d lopen binnen twee weken af.") % {"late": late, "soon": len(due) - late},
    )  # fmt: skip
    block.rows = [
        Row(
            f"{application.reference}: {application.subject}",
            _("termijn verstreken op %(day)s") % {"day": _day(term.deadline)}
            if term.late
            else _("uiterlijk %(day)s") % {"day": _day(term.deadline)},
            reverse("permits:application", args=[application.pk]),
            warn=term.late,
        )
        for application, term in due[:ROWS]
    ]
    return [block]


# --- supervision ----------------------------------------------------------------------------------------------------


def _my_inspections(user, today: date) -> list[Block]:
    """Inspections assigned to the user: in progress, planned for today and for the rest of this week."""
    mine = inspection_selectors.inspections(user).filter(inspectors=user)
    in_progress = mine.filter(status=Inspection.Status.OPEN)
    this_week = mine.filter(status=Inspection.Status.PLANNED, planned_on__gte=today, planned_on__lte=week_end(today))
    count, found = _first((in_progress | this_week).select_related("establishment").order_by("planned_on", "pk"))
    visits = planning_selectors.calendar_visits(user).filter(programme__year=today.year, month=today.month)
    open_visits = visits.exclude(inspection__status=Inspection.Status.CLOSED).count()
    block = Block(
        "my_inspections", _("Mijn inspecties vandaag en deze week"), reverse("supervision:inspections"), count,
        menu="supervision", empty=_("Vandaag en deze week staan geen inspecties op uw naam."),
        note=_("Uit het programma staan deze maand nog %(n)d bezoeken op uw naam.") % {"n": open_visits},
    )  # fmt: skip
    block.rows = [_inspection_row(inspection, today) for inspection in found]
    return [block]


def _inspection_row(inspection: Inspection, today: date) -> Row:
    if inspection.status == Inspection.Status.OPEN:
        when = _("in uitvoering sinds %(day)s") % {"day": _day(inspection.performed_on or inspection.planned_on)}
    elif inspection.planned_on == today:
        when = _("vandaag")
    else:
        when = date_format(inspection.planned_on, "l j F")
    return Row(
        f"{inspection.establishment.name}, {inspection.establishment.place}",
        f"{inspection.get_kind_display()}: {when}",
        reverse("supervision:inspection", args=[inspection.pk]),
    )


def _complaints(user, today: date) -> list[Block]:
    count, new = _first(
        inspection_selectors.complaints(user).filter(status=Complaint.Status.NEW).order_by("received_at", "pk")
    )
    block = Block(
        "complaints", _("Nieuwe klachten en meldingen"), reverse("supervision:complaints"), count,
        menu="supervision", empty=_("Er wachten geen nieuwe meldingen op beoordeling."),
    )  # fmt: skip
    block.rows = [
        Row(
            f"{complaint.get_subject_display()}: {complaint.location}",
            _("ontvangen op %(day)s") % {"day": _day(complaint.received_at.date())},
            reverse("supervision:complaint", args=[complaint.pk]),
        )
        for complaint in new
    ]
    return [block]


# --- enforcement ----------------------------------------------------------------------------------------------------


def _enforcement_terms(user, today: date) -> list[Block]:
    due = enforcement.deadlines_due(user, today=today)
    overdue, coming = due["overdue"], due["coming_week"]
    block = Block(
        "enforcement_terms", _("Termijnen handhaving"), reverse("enforcement:work_queue"), len(overdue) + len(coming),
        menu="enforcement", empty=_("Geen termijn is verstreken of loopt de komende zeven dagen af."),
        note=_("%(late)d verstreken, %(soon)d de komende zeven dagen.") % {"late": len(overdue), "soon": len(coming)},
    )  # fmt: skip
    block.rows = [
        Row(
            f"{deadline.case.reference} {deadline.case.establishment.name}",
            f"{deadline.name}: {_day(deadline.due_on)}",
            reverse("enforcement:case", args=[deadline.case_id]),
            warn=deadline.overdue,
        )
        for deadline in [*overdue, *coming][:ROWS]
    ]
    return [block]


def _takes(user, event: str) -> bool:
    """Whether this is a step of the user's role: one its role may take (the default policy), not one every enforcer
    may take (those wait for nobody in particular) except the re-inspection, which who may inspect makes."""
    if event == rules.CLOSE or not permissions.may_take(user, event, rules.DEFAULT_POLICY):
        return False
    actor = events.spec(event).actor
    return actor != events.ANY or (event == REINSPECTION and may_use(user, "inspect"))


def step_states(user, *, decisions: bool) -> dict[tuple[str, str], list[str]]:
    """Per (route, state): the steps of the user's role there, those that take a decision under mandate or the
    others."""
    found: dict[tuple[str, str], list[str]] = {}
    for route, states in rules.ROUTES.items():
        for state, steps in states.items():
            mine = [e for e in steps if _takes(user, e) and bool(events.spec(e).decision_type) == decisions]
            if mine:
                found[(route, state)] = [events.label(e) for e in mine]
    return found


def _pairs(states) -> Q:
    found = Q(pk__in=[])
    for route, state in states:
        found |= Q(route=route, state=state)
    return found


def _cases(user, today: date) -> list[Block]:
    """The open cases awaiting a step of the user's role and those awaiting a decision under mandate, in one query:
    per block a flag, a window count and a row number, and the first `ROWS` rows of each (a case in a state with
    both kinds of step is in both)."""
    kinds = (
        ("my_steps", _("Zaken die op uw stap wachten"), _("Geen open zaak wacht op een stap van uw rol."), False),
        (
            "decisions", _("Besluiten te nemen en te ondertekenen"),
            _("Geen open zaak wacht op een besluit dat u onder mandaat neemt."), True,
        ),
    )  # fmt: skip
    states = {key: step_states(user, decisions=decisions) for key, _title, _empty, decisions in kinds}
    found = enforcement.cases_awaiting(user, states["my_steps"].keys() | states["decisions"].keys())
    marks, first = {}, Q(pk__in=[])
    for key in states:
        flag = Case(When(_pairs(states[key]), then=Value(1)), default=Value(0), output_field=IntegerField())
        marks |= {
            f"{key}_in": flag,
            f"{key}_of": Window(Count("pk", filter=_pairs(states[key]))),
            f"{key}_at": Window(RowNumber(), partition_by=[flag], order_by=["opened_on", "id"]),
        }
        first |= Q(**{f"{key}_in": 1, f"{key}_at__lte": ROWS})
    rows = list(found.annotate(**marks).filter(first))
    blocks = []
    for key, title, empty, _decisions in kinds:
        block = Block(key, title, reverse("enforcement:work_queue"), getattr(rows[0], f"{key}_of") if rows else 0)
        block.empty = empty
        block.rows = [
            Row(
                f"{case.reference} {case.establishment.name}",
                f"{rules.STATE_LABELS.get(case.state, case.state)}; {', '.join(states[key][(case.route, case.state)])}",
                reverse("enforcement:case", args=[case.pk]),
            )
            for case in rows
            if getattr(case, f"{key}_in")
        ]
        blocks.append(block)
    return blocks


# --- disclosure -----------------------------------------------------------------------------------------------------


def _reviews(user, today: date) -> list[Block]:
    """Proposals of the user's organisation to review; four eyes: not those the user proposed or last edited."""
    count, waiting = _first(
        disclosure.queue(user)[disclosure.Status.PROPOSED]
        .filter(owner_id=user.organisation_id)
        .exclude(proposed_by=user)
        .exclude(edited_by=user)
        .order_by("proposed_at", "pk")
    )
    block = Block(
        "reviews", _("Lakvoorstellen te beoordelen"), reverse("disclosure:publications"), count,
        menu="publications", empty=_("Er wachten geen lakvoorstellen op uw beoordeling."),
    )  # fmt: skip
    block.rows = [
        Row(
            publication.title,
            _("voorgesteld op %(day)s") % {"day": _day(publication.proposed_at.date())},
            reverse("disclosure:publication", args=[publication.pk]),
        )
        for publication in waiting
    ]
    return [block]


# --- chain partners and the ministry -------------------------------------------------------------------------------


def _shared_with_me(user, today: date) -> list[Block]:
    count, agreements = _first(
        sharing.active_agreements(user.organisation_id, today).select_related("owner").order_by("pk")
    )
    block = Block(
        "shared", _("Met uw organisatie gedeeld"), reverse("sharing:agreements"), count,
        empty=_("Geen bron deelt vandaag gegevens met uw organisatie."),
        note=_("Zoek een bedrijf op naam of KvK-nummer in het zoekvak bovenaan om het ketendossier te openen."),
    )  # fmt: skip
    block.rows = [
        Row(
            f"{agreement.owner.name}: {agreement.get_purpose_code_display()}",
            ", ".join(agreement.kind_labels()),
            reverse("sharing:agreements"),
        )
        for agreement in agreements
    ]
    return [block]


def _figures(user, today: date) -> list[Block]:
    measured = monitoring.last_measured(user)
    report = monitoring.latest_report(user) if may_use(user, "ibp") else None
    block = Block(
        "figures", _("Indicatoren en IBP VTH"), reverse("monitoring:dashboard"), 0,
        empty=_("Er is nog niet gemeten."),
        note=_("Laatst gemeten op %(day)s.") % {"day": _day(measured)} if measured else "",
    )  # fmt: skip
    block.rows = [Row(_("Staat van de VTH"), _("indicatoren met grafieken"), reverse("monitoring:staat"))]
    if report is not None:
        counts = monitoring.status_counts(monitoring.actions(user, report))
        detail = ", ".join(f"{n} {label}" for _value, label, n in counts if n)
        block.rows.append(Row(f"{_('IBP VTH')}: {report.title}", detail, reverse("monitoring:programme")))
    block.count = len(block.rows) if measured or report else 0
    return [block]
