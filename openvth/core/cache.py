"""Whole answers of the public site kept in the shared cache, invalidated at once by a generation.

The cache is Django's own (`CACHES["public"]`): the database cache by default, Redis when REDIS_URL is set, so every
gunicorn worker and every web machine sees the same entries. One key, `GENERATION_KEY`, holds the current
*generation* of the public data: a random token and the moment it was made. Every change of what the public site
shows (a publication published or withdrawn, a public register field: `openvth.disclosure.public_cache`) makes a new
generation; nothing is deleted. Each cached answer carries the generation it was rendered in and is served only
while that is still the current one: the generation and the answer are read together (one `get_many`, one query on
the database cache), so a withdrawn publication is gone from every page with the very next request.

An entry also expires after `PUBLIC_TTL` seconds (as long as a browser or proxy may keep the page anyway), which
bounds changes that send no signal (`QuerySet.update`, bulk loads). Answers are keyed by scheme, host, path, query
string and the day (the compliance history counts up to today). They carry a strong `ETag` (a digest of the body)
and `Last-Modified` (the generation's moment); a conditional GET that matches gets 304 without a body.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import wraps

from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import clock, routers

ALIAS = "public"
# '~' sorts after every page key: the database cache culls the lowest keys first, the generation last
GENERATION_KEY = "public:~generation"
PUBLIC_TTL = 300  # seconds, as the Cache-Control max-age of the public site
MAX_BYTES = 16 << 20  # a larger answer (open data at national scale) is sent, not kept
# after a change the replica may lag behind the primary a moment: answers rendered in this window read the primary
REPLICA_GRACE_SECONDS = 10
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control")
PUBLIC_PREFIX = "/openbaar/"  # where the public site's pages are (PublicCacheMiddleware)


def _cache():
    return caches[ALIAS]


def _new_generation() -> dict:
    return {"token": uuid.uuid4().hex, "at": clock.now().replace(microsecond=0)}


def current_generation(found: dict | None = None) -> dict:
    """The current generation; a fresh one when none is stored (never stored, or evicted: a fresh token can never
    match an entry of before)."""
    generation = found if found is not None else _cache().get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
        if not _cache().add(GENERATION_KEY, generation, timeout=None):
            generation = _cache().get(GENERATION_KEY) or generation  # another worker made one at the same moment
    return generation


def _bump() -> None:
    _cache().set(GENERATION_KEY, _new_generation(), timeout=None)


def _bump_pending() -> bool:
    """True while the current transaction has changed public data and not yet committed (its `_bump` waits in
    `on_commit`; a rollback discards it): only that transaction sees the change, so its requests bypass the cache."""
    return any(callback[1] is _bump for callback in connection.run_on_commit)


def public_data_changed() -> None:
    """A new generation: now, or when the current transaction commits (once per transaction). A request that read
    the old rows before the commit stored its answer under the old generation, which the commit retires."""
    if not connection.in_atomic_block:
        _bump()
    elif not _bump_pending():
        transaction.on_commit(_bump)


def _key(request: HttpRequest) -> str:
    seen = "\n".join((request.scheme, request.get_host(), request.get_full_path(), clock.today().isoformat()))
    return "public:page:" + hashlib.sha256(seen.encode()).hexdigest()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _finish(request: HttpRequest, response: HttpResponse, etag: str | None, modified: datetime) -> HttpResponse:
    if etag:
        response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    return get_conditional_response(request, etag=etag, last_modified=int(modified.timestamp()), response=response)


def _from_entry(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["body"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["Content-Length"] = str(len(entry["body"]))  # a hit passes no CommonMiddleware, which would set it
    return response


def _teed(chunks, store: Callable[[bytes], None]) -> Iterator[bytes]:
    """The chunks of a streamed answer as they go out; the whole body is stored at the end unless it grew past
    MAX_BYTES (then it is only sent)."""
    kept: list[bytes] | None = []
    size = 0
    for chunk in chunks:
        if kept is not None:
            size += len(chunk)
            if size <= MAX_BYTES:
                kept.append(chunk)
            else:
                kept = None
        yield chunk
    if kept is not None:
        store(b"".join(kept))


def _stored(request: HttpRequest) -> tuple[HttpResponse | None, str, dict]:
    """The stored answer to a request while the generation it was rendered in is current (else None), its key and
    the current generation."""
    key = _key(request)
    found = _cache().get_many([GENERATION_KEY, key])
    generation = current_generation(found.get(GENERATION_KEY))
    entry = found.get(key)
    if entry is None or entry["generation"] != generation["token"]:
        return None, key, generation
    return _finish(request, _from_entry(entry), entry["etag"], generation["at"]), key, generation


class PublicCacheMiddleware:
    """Answers a GET or HEAD of the public site (`PUBLIC_PREFIX`) that is in the shared cache before the session,
    authentication, URL resolution and the view: a hit costs one cache read. Everything else, and every miss, goes
    on to the view, whose `shared_cache` renders and stores it. It stands after the middleware that set the headers
    of every answer (request id, security, CSP, X-Frame-Options, CORS, API version), so a hit carries them too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.method in ("GET", "HEAD") and request.path.startswith(PUBLIC_PREFIX) and not _bump_pending():
            hit = _stored(request)[0]
            if hit is not None:
                return hit
        return self.get_response(request)


def shared_cache(view):
    """Serve a public GET from the shared cache while the generation it was rendered in is current; render and
    store it otherwise. Only 200 answers are kept (a 404 of an unpublished publication is rendered each time)."""

    @wraps(view)
    def cached(request: HttpRequest, *args, **kwargs):
        if _bump_pending():  # inside a transaction that changed public data: what it sees is nobody else's
            return view(request, *args, **kwargs)
        hit, key, generation = _stored(request)
        if hit is not None:
            return hit
        settled = (clock.now() - generation["at"]).total_seconds() > REPLICA_GRACE_SECONDS
        with routers.replica_reads(settled):
            response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}

        def store(body: bytes) -> dict:
            entry = {
                "generation": generation["token"],
                "status": 200,
                "headers": headers,
                "body": body,
                "etag": _etag(body),
            }
            _cache().set(key, entry, timeout=PUBLIC_TTL)
            return entry

        if response.streaming:
            response.streaming_content = _teed(routers.replica_iterator(response.streaming_content, settled), store)
            return _finish(request, response, None, generation["at"])
        etag = store(response.content)["etag"] if len(response.content) <= MAX_BYTES else _etag(response.content)
        return _finish(request, response, etag, generation["at"])

    return cached
