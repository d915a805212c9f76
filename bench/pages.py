"""Timing a page or API answer through the whole Django stack against its own SQL replayed on a bare cursor."""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def time_page(client: Client, url: str, rounds: int, timings: dict[str, list[float]]) -> int:
    """Request `url` once to warm up and capture its SQL, then `rounds` times; after each request the captured reads
    (SELECT statements) run on a bare cursor: the floor. Writes the page makes (an access log) are not replayed: the
    same rows again would collide on their keys. Appends milliseconds to timings["page"] and timings["bare SQL"];
    returns the number of statements replayed."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    statements = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    for _round in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        timings.setdefault("page", []).append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        with connection.cursor() as cursor:
            started = time.perf_counter()
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()
            timings.setdefault("bare SQL", []).append((time.perf_counter() - started) * 1000)
    return len(statements)
