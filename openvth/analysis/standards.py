"""Tables of the analysis app that are our own defaults, not a national norm (marked as such wherever shown).

- STANDARD_HOURS: hours of a permit officer per application by procedure. Source: our own default, an estimate in
  the order of the product norms services use in their budgets; no national norm exists. A service that has its
  own table (issue 21, item 2) should replace it.
- HOURS_PER_OFFICER: the yearly hours for permit work of one permit officer, used only where a service has no
  staff records (openvth.capacity) to count; our own default (1,200 productive hours of a full-time year).
- ACTIVITY_GROUPS: a grouping of the activity catalogue (Bal chapter 3 articles, openvth/register/data/
  activity_types.csv) by article range; our own grouping. An application counts in the group of its
  establishment's lowest-numbered activity.
"""

from django.utils.translation import gettext_lazy as _

SOURCE = _("eigen standaard van openvth, geen landelijke norm")
STANDARD_HOURS = {"regular": 40, "extended": 160}
HOURS_PER_OFFICER = 1200
# (code, label, first article, last article) of Bal chapter 3 (3.<n>)
ACTIVITY_GROUPS = (
    ("energie", _("Energie en opslag"), 5, 27),
    ("afval", _("Afval en circulair"), 28, 38),
    ("chemie", _("Chemie"), 39, 45),
    ("metaal", _("Metaal"), 46, 55),
    ("mineraal", _("Mineralen en bouwmaterialen"), 56, 61),
    ("industrie", _("Papier, textiel, hout en druk"), 62, 71),
    ("voeding", _("Voedings- en genotmiddelen"), 72, 80),
    ("mobiliteit", _("Voertuigen en mobiliteit"), 81, 88),
    ("agrarisch", _("Agrarisch"), 200, 224),
)
OTHER_GROUP = ("overig", _("Overig"))
ACTIVITY_GROUP_CHOICES = [(code, label) for code, label, _first, _last in ACTIVITY_GROUPS] + [OTHER_GROUP]
GROUP_LABELS = dict(ACTIVITY_GROUP_CHOICES)


def article(code: str) -> int | None:
    """The article number within the chapter of an activity code ("3.81" -> 81), None for another form."""
    chapter, _dot, number = code.partition(".")
    return int(number) if chapter == "3" and number.isdigit() else None


def group_of(code: str) -> str:
    number = article(code)
    for group, _label, first, last in ACTIVITY_GROUPS:
        if number is not None and first <= number <= last:
            return group
    return OTHER_GROUP[0]


def main_activity(codes) -> str | None:
    """The lowest-numbered activity of an establishment (codes of another form last)."""
    return min(codes, key=lambda code: (article(code) is None, article(code) or 0, code), default=None)
