"""Reads of the intake, always through the scoping layer: a request is visible to the organisation that received
it and to the competent authority it was mapped to."""

from django.db.models import QuerySet

from openvth.register import selectors as register_selectors
from openvth.register.models import Establishment

from .models import IntakeRequest


def intake_requests(user, *, status: str = "") -> QuerySet[IntakeRequest]:
    found = IntakeRequest.objects.visible_to(user).select_related("competent_authority", "establishment", "application")
    if status in IntakeRequest.Status.values:
        found = found.filter(status=status)
    return found


def intake_detail(user, pk: int) -> IntakeRequest:
    return (
        IntakeRequest.objects.visible_to(user)
        .select_related("owner", "competent_authority", "establishment", "application")
        .prefetch_related("activities__activity_type", "attachments")
        .get(pk=pk)
    )


def queue_count(user) -> int:
    return IntakeRequest.objects.visible_to(user).filter(status=IntakeRequest.Status.QUEUED).count()


def candidates(user, intake: IntakeRequest) -> list[Establishment]:
    """Establishments the officer may link: the proposal's possible duplicates and those at the same postcode and
    house number, as far as the officer may see them."""
    visible = register_selectors.establishments(user)
    proposal = intake.proposal or {}
    ids = set(proposal.get("duplicates") or [])
    found = list(visible.filter(pk__in=ids)) if ids else []
    if proposal.get("postcode") and proposal.get("house_number"):
        same = visible.filter(postcode=proposal["postcode"], house_number=proposal["house_number"])
        found += [e for e in same if e.pk not in ids]
    return found[:20]
