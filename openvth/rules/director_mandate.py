"""The director's mandate of an omgevingsdienst: which of the four enforcement powers the authorities mandated.

Source: Kamerbrief voortgang versterking VTH-stelsel 2023, recommendation 8 (positie directeur omgevingsdienst),
action 2: "in bestaande volledige volmachten heeft de directeur omgevingsdienst al de bevoegdheid om te beslissen
over bestuurlijke strafbeschikking, lasten onder dwangsom, bestuurlijke boetes en bestuursdwang". A mandate is full
when the director holds all four from an authority, partial when some, none when none (Awb 10:3).
"""

from collections.abc import Iterable

from openvth.rules.labels import LabelledEnum


class Power(LabelledEnum):
    """The four powers, as register.DecisionType codes."""

    STRAFBESCHIKKING = "bestuurlijke_strafbeschikking", "bestuurlijke strafbeschikking"
    DWANGSOM = "last_onder_dwangsom", "last onder dwangsom"
    BOETE = "bestuurlijke_boete", "bestuurlijke boete"
    BESTUURSDWANG = "last_onder_bestuursdwang", "last onder bestuursdwang"


POWER_LABELS = Power.labels()


class Scope(LabelledEnum):
    FULL = "full", "volledig"
    PARTIAL = "partial", "gedeeltelijk"
    NONE = "none", "geen"


SCOPE_LABELS = Scope.labels()


def scope(held: Iterable[str]) -> Scope:
    """Full, partial or no director's mandate from the decision types held (others than the four do not count)."""
    powers = set(held) & set(Power)
    if powers == set(Power):
        return Scope.FULL
    return Scope.PARTIAL if powers else Scope.NONE


def service_scope(per_authority: Iterable[Scope]) -> Scope:
    """A service's director's mandate over its authorities: full when full from each, none when none from any."""
    scopes = list(per_authority)
    if scopes and all(s is Scope.FULL for s in scopes):
        return Scope.FULL
    return Scope.NONE if all(s is Scope.NONE for s in scopes) else Scope.PARTIAL
