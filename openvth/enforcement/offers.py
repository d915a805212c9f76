"""The next lawful steps of a case for one user, as the case page offers them: the events the route allows from the
case's state (openvth.rules.enforcement.ROUTES) that this user's role may take, for which the user holds the mandate
where the step decides, and whose legal guards (openvth.rules.enforcement_guards, per event in
openvth.rules.enforcement_events) pass today. A guard that judges the step's own input (an amount, an outcome) is
judged when the form is sent; every other guard is judged here, by the same facts services.transition judges
(steps.facts). Steps refused by a guard or a missing mandate are listed with the reason; steps of other roles are not.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.formats import date_format

from openvth.core import clock
from openvth.core.permissions import Action, may
from openvth.register.selectors import holds_mandate
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events

from . import selectors, services, steps
from .models import EnforcementCase
from .permissions import may_take

# the sanctions a voornemen may announce on each route (the mandate it needs is that of the sanction)
ANNOUNCED = {"herstel": ("last_onder_dwangsom", "last_onder_bestuursdwang"), "boete": ("bestuurlijke_boete",)}
# steps that cannot be undone besides those deciding (mandate), imposing a sanction or producing a letter
IRREVERSIBLE = frozenset(
    {rules.CLOSE, "gedogen", "last_opheffen", "verbeuren", "bestuursdwang_toepassen", "kosten_verhalen", "verjaard"}
)
# inputs the case page does not ask: the re-inspection is the one recorded as performed (or the planned one)
NOT_ASKED = frozenset({"inspection"})


def needs_confirmation(event: str) -> bool:
    """Whether the step is irreversible: it is confirmed (with what it does) before it is taken."""
    spec = events.spec(event)
    return bool(spec.letter or spec.sanction or spec.decision_type or event in IRREVERSIBLE)


@dataclass
class Offer:
    event: str
    label: str
    confirm: bool  # irreversible: a confirmation (and a draft letter) before it is taken
    letter: str | None  # the letter kind it produces
    intended: tuple[str, ...] = ()  # for a voornemen: the sanctions the user may announce


@dataclass
class Waiting:
    event: str
    label: str
    reasons: list[str]


@dataclass
class NextSteps:
    offered: list[Offer] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    # "Herinspectie uitgevoerd" (a re-inspection state): the closed inspections that may be recorded, or why none
    reinspection_candidates: object = None  # a QuerySet of supervision.Inspection
    reinspection_wait: str = ""
    planned_reinspection: object = None

    @property
    def events(self) -> list[str]:
        return [offer.event for offer in self.offered]

    def offer(self, event: str) -> Offer | None:
        return next((offer for offer in self.offered if offer.event == event), None)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _mandate_types(case: EnforcementCase, event: str) -> tuple[str, ...]:
    decision_type = events.spec(event).decision_type
    if decision_type is None:
        return ()
    return ANNOUNCED.get(case.route, ()) if decision_type == events.INTENDED else (decision_type,)


def _reinspection(user, case: EnforcementCase, today: date, found: NextSteps) -> None:
    term_end = steps.reinspection_term_end(case, case.state)
    planned = steps.planned_reinspection(case)
    found.planned_reinspection = planned
    found.reinspection_candidates = selectors.reinspection_candidates(user, case, after=term_end, today=today)
    if found.reinspection_candidates.exists() or steps.recorded_reinspection(case) is not None:
        return
    after = f" na afloop van de termijn op {_day(term_end)}" if term_end else ""
    if planned is not None and planned.planned_on:
        found.reinspection_wait = f"Wacht op de herinspectie{after} (gepland op {_day(planned.planned_on)})."
    else:
        found.reinspection_wait = f"Wacht op de herinspectie{after}."


def next_steps(user, case: EnforcementCase, today: date | None = None) -> NextSteps:
    """The steps of the case this user may lawfully take now (see the module docstring)."""
    found = NextSteps()
    if not case.is_open or case.state == rules.CLOSED or not may(user, Action.ENFORCE, case):
        return found
    today = today or clock.today()
    policy = selectors.local_policy(case.competent_authority, today)
    if case.state in events.REINSPECTION_AFTER:
        _reinspection(user, case, today, found)
    for event in rules.allowed_events(case.route, case.state):
        if not may_take(user, event, policy):
            continue
        spec = events.spec(event)
        wanted = _mandate_types(case, event)
        held = tuple(t for t in wanted if holds_mandate(user, authority=case.competent_authority, decision_type=t,
                                                         on=today))  # fmt: skip
        if wanted and not held:
            reason = f"U heeft op {_day(today)} geen geldig mandaat van {case.competent_authority} voor dit besluit."
            found.waiting.append(Waiting(event, spec.label, [reason]))
            continue
        refused = _refusals(user, case, event, today, policy)
        if refused:
            if {f for f, _ in refused} == {"inspection"} and found.reinspection_wait:
                continue  # the wait for the re-inspection says it once
            found.waiting.append(Waiting(event, spec.label, [reason for _, reason in refused]))
            continue
        intended = held if spec.decision_type == events.INTENDED else ()
        found.offered.append(Offer(event, spec.label, needs_confirmation(event), spec.letter, intended))
    return found


def _refusals(user, case: EnforcementCase, event: str, today: date, policy) -> list[tuple[str, str]]:
    """(field, reason) of every guard that refuses the step today whatever its form's input (empty: offered)."""
    spec = events.spec(event)
    step = steps.Step(user=user, case=case, event=event, on=today, params={})
    try:
        facts = steps.facts(step)
    except ValidationError:
        return []  # facts that need the form's input: judged when it is sent
    asked = set(spec.inputs) - NOT_ASKED
    refused = [(r.field, r.reason) for r in events.refusals(facts) if r.field not in asked]
    try:
        services.four_eyes(user, case, event, policy)
    except PermissionDenied as exc:
        refused.append(("step", str(exc)))
    return refused
