"""The one place that decides which records a user may read.

Every scoped model uses `ScopedQuerySet` and declares `visibility_q(organisation_id)`: the records its
organisation may see. Views, API and CLI read through `.visible_to(user)` and never filter by
organisation themselves. Sharing agreements do not extend `visibility_q`: records of other organisations are
read only through openvth.sharing.selectors.chain_dossier, which requires a purpose and logs the read.
"""

from types import SimpleNamespace

from django.db import models

# the one marker of a system job (a command, the generator, a background job) that acts for the installation, not
# for a user: it reads everything, may every write (openvth.core.permissions) and has no stored account (`author`)
SYSTEM_JOB = SimpleNamespace(is_authenticated=True, is_superuser=True, organisation_id=None, role="", pk=None)


def author(user):
    """The user to store as who did something: None for system jobs and anonymous visitors (no stored account)."""
    return user if getattr(user, "pk", None) is not None else None


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ScopedQuerySet":
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.organisation_id is None:
            return self.none()
        return self.filter(self.model.visibility_q(user.organisation_id))


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass
