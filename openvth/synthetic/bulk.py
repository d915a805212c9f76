"""Helpers of the data generator: a digest of generated rows and generating while the database loads.
Bulk SQL itself lives in openvth.core.db."""

import hashlib
import queue
import threading
from collections.abc import Iterable, Iterator


class RowDigest:
    """A digest of rows in primary-key order, equal for generated rows and the same rows read back."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def update(self, table: str, rows: Iterable[tuple]) -> None:
        for row in rows:
            self._hash.update(f"{table}{row!r}\n".encode())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def prefetched(items: Iterator, depth: int = 2) -> Iterator:
    """Produce the next items in a thread while the caller waits for the database (that wait releases the GIL),
    so generating and loading overlap on two cores. Order and content are those of `items`."""
    channel: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        channel.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            channel.put(done)
        except BaseException as exc:  # handed to the consumer, raised there
            channel.put(exc)

    thread = threading.Thread(target=produce, name="synthetic-generator", daemon=True)
    thread.start()
    try:
        while (item := channel.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
