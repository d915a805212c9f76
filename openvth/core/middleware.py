"""Response headers every answer needs, and the request id every log line of an answer carries."""

import logging
import re
import uuid
from contextvars import ContextVar

from openvth.core import clock

# the id of the request (or background job) being handled, for every log record (RequestIdFilter); "-" outside one
request_id: ContextVar[str] = ContextVar("request_id", default="-")
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")  # what a proxy may hand on; anything else is replaced
access_log = logging.getLogger("openvth.request")


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every answer that sets no caching of its own: staff pages, the staff
    API, PDFs, attachments and calendar feeds hold data no browser cache or proxy may keep. The public site and
    public API say `public` themselves and keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response


class RequestIdMiddleware:
    """`X-Request-ID` on every answer: the one the proxy in front sent when it is a plain token, else a new one. It is
    in every log record written while the request is handled and in one access line per request (level INFO)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request.request_id = offered if REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        token = request_id.set(request.request_id)
        started = clock.seconds()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={"status": response.status_code, "duration_ms": round((clock.seconds() - started) * 1000)},
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request id on each record (`%(request_id)s` in a format, a field of the JSON lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True
