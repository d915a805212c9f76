"""CloudEvents 1.0 as the NL GOV profile for CloudEvents (Logius) describes them, built by hand: the `cloudevents`
package is not installed, and the structured JSON form is a handful of attributes.

- `specversion` "1.0"; `id` the stored event's UUID (persistent: a consumer may ask about it, and a replay sends
  the same id, so "same source + id = duplicate" holds);
- `source` a URN in the 'nld' namespace naming the organisation that owns the record and this system:
  `urn:nld:org:<organisation code>:systeem:openvth` (the register has no OIN per organisation yet; with one, the
  profile prefers `urn:nld:oin:<OIN>:systeem:openvth`);
- `type` reverse-DNS, `nl.openvth.<record>.<occurrence>` (TYPES below); no organisation name in it;
- `time` when openvth logged the occurrence (the profile: the logging time, not the time in reality; a date in
  reality, such as a decision's date, is not in the event at all);
- `subject` `<record kind>/<id>`; `datacontenttype` application/json; `data` only ids and codes;
- `dataref` the record in openvth's API ("informatiearm notificeren"): the consumer fetches it with its own API
  token, and sees it only if it may read it there;
- `sequence` the event's number, zero-padded, so consumers can order events of one source lexicographically.
"""

from datetime import UTC

SPECVERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json"
SYSTEM = "openvth"

INSPECTION_CLOSED = "nl.openvth.inspection.closed"
FINDING_CREATED = "nl.openvth.finding.created"
CASE_OPENED = "nl.openvth.enforcement-case.opened"
CASE_STEP = "nl.openvth.enforcement-case.step"
PUBLICATION_PUBLISHED = "nl.openvth.publication.published"
PUBLICATION_WITHDRAWN = "nl.openvth.publication.withdrawn"
PERMIT_DECISION_CREATED = "nl.openvth.permit-decision.created"

TYPES = {
    INSPECTION_CLOSED: "Een inspectie is afgesloten.",
    FINDING_CREATED: "Bij een inspectie is een bevinding (overtreding) vastgelegd.",
    CASE_OPENED: "Een handhavingszaak is geopend.",
    CASE_STEP: "In een handhavingszaak is een stap gezet of een besluit genomen.",
    PUBLICATION_PUBLISHED: "Een inspectieresultaat of handhavingsbesluit is openbaar gemaakt (Woo).",
    PUBLICATION_WITHDRAWN: "Een openbaarmaking is ingetrokken.",
    PERMIT_DECISION_CREATED: "Een vergunningbesluit (verlening, wijziging, intrekking) is vastgelegd.",
}


def source(organisation_code: str) -> str:
    return f"urn:nld:org:{organisation_code}:systeem:{SYSTEM}"


def cloudevent(event) -> dict:
    """The structured-mode JSON object of a stored `Event`."""
    return {
        "specversion": SPECVERSION,
        "id": str(event.uuid),
        "source": event.source,
        "type": event.type,
        "subject": event.subject,
        "time": event.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "dataref": event.dataref,
        "sequence": f"{event.pk:012d}",
        "data": event.data,
    }
