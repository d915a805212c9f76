"""Which LHSO table applies: an organisation's newest stored version (enforcement.LhsoTableVersion) in force on the
day, else the default of openvth.rules.lhso (the same selectors the services use, which also keep the version a
decision used)."""

from datetime import date

from openvth.core import clock
from openvth.rules.lhso import LhsoTable

from . import selectors


def active_table(organisation=None, on: date | None = None) -> LhsoTable:
    """The LHSO table in force for `organisation` on `on` (default today); None gives the national default."""
    return selectors.lhso_table(selectors.lhso_table_version(organisation, on or clock.today()))
