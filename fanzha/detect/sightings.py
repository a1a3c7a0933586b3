"""Sightings from detections, written off the request path.

Every fraud verdict of `POST /api/v1/detect` and of the desk page records a sighting of the
indicators it names. Written inside the request, that is a write transaction per verdict, and under
load the writers queue behind each other (SQLite has one writer; PostgreSQL locks the indicator
rows). Instead each process keeps the verdicts' sightings in a buffer that a background thread
writes every `DETECT_SIGHTINGS_DELAY_MS` (or sooner when `FLUSH_AT` are waiting) with one
`record_sightings_batch` call, and once more when the process exits.

What can be lost: the sightings of the last interval if the process is killed (SIGKILL, power).
Cases and clues never go through here: their sightings are part of their own transaction.
With `DETECT_SIGHTINGS_DELAY_MS=0` (the test setting) every sighting is written at once.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connection

T = TypeVar("T")
log = logging.getLogger(__name__)
FLUSH_AT = 500  # waiting sources that wake the writer early
MAX_WAITING = 50_000  # beyond this (the database is down) the oldest are dropped, with a warning


class SightingBuffer(Generic[T]):
    """Entries wait here until `write` takes them, in one call per round."""

    def __init__(self, write: Callable[[list[T]], Any], delay_s: float) -> None:
        self.write = write
        self.delay_s = delay_s
        self._waiting: list[T] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        if delay_s > 0:
            atexit.register(self.flush)  # what waits is written when the process exits normally

    def add(self, entry: T) -> None:
        if self.delay_s <= 0:
            self.write([entry])
            return
        with self._lock:
            self._waiting.append(entry)
            if len(self._waiting) > MAX_WAITING:
                dropped = len(self._waiting) - MAX_WAITING
                del self._waiting[:dropped]
                log.warning("detection sightings: %d dropped, the database is not keeping up", dropped)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="detect-sightings", daemon=True)
                self._thread.start()
            if len(self._waiting) >= FLUSH_AT:
                self._wake.set()

    def pending(self) -> int:
        with self._lock:
            return len(self._waiting)

    def flush(self) -> int:
        """Writes what is waiting now; returns the number of sources written. On a database error
        the batch goes back to the front of the queue for the next round."""
        with self._lock:
            batch, self._waiting = self._waiting, []
        if not batch:
            return 0
        try:
            self.write(batch)
        except Exception:
            log.exception("detection sightings: writing %d failed, will retry", len(batch))
            with self._lock:
                self._waiting[:0] = batch
            return 0
        return len(batch)

    def _run(self) -> None:
        while True:
            self._wake.wait(self.delay_s)
            self._wake.clear()
            self.flush()
            connection.close()  # this thread's own connection; a fresh one next round
