"""Which LHSO table applies: the one place the enforcement app reads it from (stored versions per organisation are
to come; until then every organisation uses the default of openvth.rules.lhso)."""

from openvth.rules.lhso import DEFAULT_TABLE, LhsoTable


def active_table(organisation=None) -> LhsoTable:
    """The LHSO table in force for `organisation` (an openvth organisation, or None for the national default)."""
    return DEFAULT_TABLE
