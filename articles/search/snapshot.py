"""What a search needs to know about every indexed article, held in this process as numpy arrays.

Facet ids, publish time and title of each index row, by article id, plus the bitmap vocabulary and
the orders (newest, title) derived from them. Ranking, facet counts and sorting are then array
work (engine.py) instead of a GROUP BY over every match.

Kept current cheaply: every index row carries the generation that wrote it (`seq`), so on a new
generation only the rows written since are read. Rows that left the index are not seen that way;
the ALL bitmap (read with every search) says what is in the index. Only committed state is ever
shared: a search inside a transaction (which may roll back, taking its generation with it) builds a
private snapshot from scratch.
"""

import threading
import time
from datetime import UTC, datetime

import numpy as np
from django.conf import settings
from django.db import connection

from ..models import Article
from .backends.base import TABLE
from .bitmaps import Vocabulary, load_vocabulary, vocabulary_version
from .cache import state

ABSENT = np.iinfo(np.int64).max  # publish time of ids with no row: never public


def micros(value) -> int:
    """A publish time as read from the index table (datetime, or ISO text on SQLite) in µs since 1970."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp()) * 1_000_000 + value.microsecond


class Snapshot:
    def __init__(self, epoch: str = ""):
        self.epoch = epoch
        self.generation = -1
        self.seq = -1
        self.size = 0
        self.service = np.zeros(0, dtype=np.int64)
        self.category = np.zeros(0, dtype=np.int64)
        self.platform = np.zeros(0, dtype=np.int64)
        self.published = np.zeros(0, dtype=np.int64)
        self.titles: list[str] = []
        self.vocabulary: Vocabulary = {}
        self.vocabulary_version: tuple = ()
        self._orders: dict[str, np.ndarray] = {}
        self._views: tuple[float, np.ndarray] | None = None
        self.memo: dict = {}  # whatever else is derived once per generation (facets.taxonomy)

    def refreshed(self, current: int) -> "Snapshot":
        """This snapshot if it is at `current`, else a new one with the rows written since (all of
        them the first time). Never changed in place: a request keeps one consistent snapshot while
        another thread moves on."""
        if current == self.generation:
            return self
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT article_id, service_id, category_id, platform_id, published_at, title_sort, seq "
                f"FROM {TABLE} WHERE seq > %s",
                [self.seq],
            )
            rows = cursor.fetchall()
        new = Snapshot(self.epoch)
        size = max([self.size, *(r[0] + 1 for r in rows)])
        if size > self.size:
            size = max(size, int(self.size * 1.25) + 1024)  # room for the next articles
        new.size = size
        for name, fill in (("service", 0), ("category", 0), ("platform", 0), ("published", ABSENT)):
            array = np.full(size, fill, dtype=np.int64)
            array[: self.size] = getattr(self, name)
            setattr(new, name, array)
        new.titles = self.titles + [""] * (size - self.size)
        new.seq = self.seq
        for article_id, service_id, category_id, platform_id, published_at, title, seq in rows:
            new.service[article_id] = service_id
            new.category[article_id] = category_id
            new.platform[article_id] = platform_id
            new.published[article_id] = micros(published_at)
            new.titles[article_id] = title
            new.seq = max(new.seq, seq)
        if not rows:
            new._orders = self._orders
        new._views = self._views
        # Writers take the generation row in turn and stamp their rows with the generation they
        # set, so every row up to `current` is committed and read by now.
        new.seq = max(new.seq, current)
        # Thousands of rows, and they change only when a vocabulary is chosen (new token ids).
        new.vocabulary_version = vocabulary_version()
        same = new.vocabulary_version == self.vocabulary_version
        new.vocabulary = self.vocabulary if same else load_vocabulary()
        new.generation = current
        return new

    def order(self, name: str) -> np.ndarray:
        """Rank of each id in an order over all ids, higher = first: "newest" is publish time then id,
        both descending; "title" is title in code point order (가나다 for Hangul), then id, ascending."""
        if name not in self._orders:
            rank = np.empty(self.size, dtype=np.int64)
            if name == "newest":
                rank[np.lexsort((np.arange(self.size), self.published))] = np.arange(self.size)
            else:  # a stable sort keeps equal titles in id order
                ascending = np.fromiter(sorted(range(self.size), key=self.titles.__getitem__), np.int64, self.size)
                rank[ascending] = np.arange(self.size - 1, -1, -1)
            self._orders[name] = rank
        return self._orders[name]

    def views(self) -> np.ndarray:
        """View counts by id, re-read after SEARCH_CACHE_SECONDS (they change without index writes)."""
        if (
            self._views is None
            or len(self._views[1]) != self.size
            or time.monotonic() - self._views[0] >= settings.SEARCH_CACHE_SECONDS
        ):
            counts = np.zeros(self.size, dtype=np.int64)
            for pk, count in Article.objects.filter(pk__lt=self.size).values_list("pk", "view_count").iterator(2000):
                counts[pk] = count
            self._views = (time.monotonic(), counts)
        return self._views[1]


_shared = Snapshot()
_lock = threading.Lock()


def current() -> Snapshot:
    global _shared
    epoch, generation = state()
    if connection.in_atomic_block:
        return Snapshot(epoch).refreshed(generation)
    with _lock:
        if _shared.epoch != epoch:  # a new state row (a flushed database): start over
            _shared = Snapshot(epoch)
        _shared = _shared.refreshed(generation)
        return _shared
