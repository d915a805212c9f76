"""The demo's open permits (issue 20, item 3): two permits of the demo region released through the real flow, so
that the public site shows them. The demo permit officer proposes each release (the redaction engine marks the
provision texts); the demo publication officer approves and publishes it (four eyes)."""

from openvth.accounts.models import Role, User
from openvth.register.models import Establishment

DEMO_RELEASES = 2


def ensure_open_permits_demo(users: list[User]) -> int:
    """Release the permits of the two establishments of the demo service with the most permit decisions. Once;
    returns how many released permits are public."""
    from django.db.models import Count

    from openvth.disclosure import public
    from openvth.disclosure import services as disclosure
    from openvth.disclosure.models import Publication

    if not Publication.objects.filter(kind=Publication.Kind.PERMIT).exists():
        officer = next(user for user in users if user.role == Role.PERMIT_OFFICER)
        reviewer = next(user for user in users if user.role == Role.PUBLICATION_OFFICER)
        candidates = (
            Establishment.objects.filter(supervising_service=officer.organisation, merged_into__isnull=True)
            .annotate(decisions=Count("permit_decisions"))
            .filter(decisions__gt=0)
            .order_by("-decisions", "pk")[:DEMO_RELEASES]
        )
        for establishment in candidates:
            release = disclosure.propose_permit(user=officer, establishment=establishment)
            disclosure.publish(user=reviewer, publication=disclosure.approve(user=reviewer, publication=release))
    return public.permits().count()
