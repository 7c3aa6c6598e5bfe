"""Small database helpers for writes that must never hold a web request."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


@contextmanager
def short_busy_wait(using: str = "default") -> Iterator[None]:
    """On SQLite, wait at most QUICK_WRITE_BUSY_MS for the write lock instead of the 5 s busy timeout.

    A long import holds SQLite's single write lock; a counter or search-log write then fails fast
    ("database is locked") and the caller skips it, rather than the page waiting out the timeout.
    Other databases have row locks and `lock_timeout`; nothing changes there.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    normal_ms = int(float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)) * 1000)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(settings.QUICK_WRITE_BUSY_MS)}")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {normal_ms}")
        except Exception:  # noqa: BLE001  a broken connection is closed by the request cycle anyway
            logger.debug("could not restore busy_timeout", exc_info=True)
