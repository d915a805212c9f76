"""Publications written straight to the database in every status, for the tests of the public site."""

import datetime

from openvth.core import clock
from openvth.disclosure.models import Publication
from openvth.supervision.models import Inspection


def publication(establishment, *, status=Publication.Status.PUBLISHED, **fields) -> Publication:
    """A publication of an inspection of `establishment`; reviewed unless proposed, published when published."""
    now = clock.now()
    inspection = Inspection.objects.create(
        owner=establishment.owner, establishment=establishment, kind=Inspection.Kind.ROUTINE
    )
    defaults = {
        "kind": Publication.Kind.INSPECTION_RESULT,
        "title": f"Inspectie {establishment.name}",
        "decided_on": datetime.date(2025, 3, 10),
        "compliant": True,
        "source_text": "Interne tekst.",
        "public_text": "Bij de inspectie is geen overtreding vastgesteld.",
        "reviewed_at": None if status == Publication.Status.PROPOSED else now,
        "published_at": now if status in (Publication.Status.PUBLISHED, Publication.Status.WITHDRAWN) else None,
        "withdrawn_at": now if status == Publication.Status.WITHDRAWN else None,
    }
    return Publication.objects.create(
        owner=establishment.owner, establishment=establishment, inspection=inspection, status=status,
        **defaults | fields,
    )  # fmt: skip
