"""Bitmaps of the tokens that many articles contain: the part of a search an inverted index is slow at.

A token in 30–99 % of the articles (a syllable, a common word's bigrams) makes a GIN or FTS5 lookup
hand back tens of thousands of rows, and the database then visits each one (PERFORMANCE.md). For the
tokens of the vocabulary (`SearchToken`, chosen per field by document frequency when the vocabulary
is built) we keep one bit per article id instead, in chunks of CHUNK ids (`SearchBitmap` rows of
CHUNK / 8 bytes), written in the same transaction as the index rows. Intersecting and counting them
is numpy work on a few kilobytes. Rarer tokens stay with the database index, whose answer is small.

The pseudo-token ALL ("*", "") marks every indexed article, so a reader never needs the whole
document table to know what is in the index now.
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from django.conf import settings
from django.db import connection

from ..models import SearchBitmap, SearchToken
from .backends.base import FIELDS, IndexRow

CHUNK = 8192  # ids per row: 1 KB of bits
CHUNK_BYTES = CHUNK // 8
ALL = ("*", "")
SAMPLE = 2000  # articles the vocabulary is chosen from
# A token in at least this share of the sample's articles (and SEARCH_BITMAP_MIN_DF of them)… Below
# it a database lookup returns at most ~1,000 rows per 100,000 articles (a few ms); titles and tags
# are short, so their bitmaps are few and cheap and they get a lower bar.
MIN_FRACTION = {"title": 0.005, "tags": 0.005, "body": 0.01}
MAX_TOKENS = 8000  # …the most frequent ones, at most this many

Vocabulary = dict[tuple[str, str], int]  # (field, token) -> SearchToken id

UPSERT = (
    f"INSERT INTO {SearchBitmap._meta.db_table} (token_id, chunk, bits) VALUES (%s, %s, %s) "
    "ON CONFLICT (token_id, chunk) DO UPDATE SET bits = excluded.bits"
)


def has_vocabulary() -> bool:
    """Whether any token besides ALL has been chosen (one cheap query: it runs after every reindex)."""
    return SearchToken.objects.exclude(field=ALL[0]).exists()


def vocabulary_version() -> tuple[int, int]:
    """(count, highest id) of the tokens: a new vocabulary always has new ids."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), COALESCE(MAX(id), 0) FROM {SearchToken._meta.db_table}")
        count, highest = cursor.fetchone()
    return count, highest


def load_vocabulary() -> Vocabulary:
    return {(f, t): pk for pk, f, t in SearchToken.objects.values_list("pk", "field", "token")}


def choose(rows: Iterable[IndexRow]) -> list[tuple[str, str]]:
    """The (field, token) pairs frequent enough in these rows to be worth a bitmap."""
    counts: Counter = Counter()
    seen = 0
    for row in rows:
        seen += 1
        for field in FIELDS:
            counts.update((field, token) for token in set(row.fields.get(field, ())))
    threshold = {f: max(settings.SEARCH_BITMAP_MIN_DF, math.ceil(share * seen)) for f, share in MIN_FRACTION.items()}
    frequent = [(key, n) for key, n in counts.items() if n >= threshold[key[0]]]
    frequent.sort(key=lambda item: (-item[1], item[0]))
    return [key for key, _ in frequent[:MAX_TOKENS]]


def reset(pairs: Iterable[tuple[str, str]]) -> Vocabulary:
    """A new vocabulary (ALL first), every bitmap gone: callers then write every indexed row."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SearchBitmap._meta.db_table}")
        cursor.execute(f"DELETE FROM {SearchToken._meta.db_table}")
    SearchToken.objects.bulk_create([SearchToken(field=f, token=t) for f, t in [ALL, *pairs]], batch_size=1000)
    return load_vocabulary()


def ensure_all(vocabulary: Vocabulary) -> Vocabulary:
    if ALL not in vocabulary:
        token, _ = SearchToken.objects.get_or_create(field=ALL[0], token=ALL[1])
        vocabulary = {**vocabulary, ALL: token.pk}
    return vocabulary


def by_field(vocabulary: Vocabulary) -> dict[str, dict[str, int]]:
    fields: dict[str, dict[str, int]] = {field: {} for field in FIELDS}
    for (field, token), pk in vocabulary.items():
        if field in fields:
            fields[field][token] = pk
    return fields


def token_ids(row: IndexRow, fields: dict[str, dict[str, int]], all_id: int) -> list[int]:
    """Ids of the vocabulary tokens in the row (and ALL); set intersections run in C."""
    ids = [all_id]
    for field, tokens in fields.items():
        ids += [tokens[t] for t in tokens.keys() & row.fields.get(field, ())]
    return ids


class Writer:
    """Read-modify-write of whole chunks: `clear` the bits of ids whose rows change, `add` the new
    rows, `flush` the chunks that changed. One writer per transaction."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = ensure_all(vocabulary)
        self.fields = by_field(self.vocabulary)
        self.row_of = {pk: i for i, pk in enumerate(sorted(self.vocabulary.values()))}
        self.token_of = sorted(self.vocabulary.values())
        self.chunks: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # chunk -> (bits, original)

    def _chunk(self, chunk: int) -> np.ndarray:
        if chunk not in self.chunks:
            bits = np.zeros((len(self.token_of), CHUNK_BYTES), dtype=np.uint8)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT token_id, bits FROM {SearchBitmap._meta.db_table} WHERE chunk = %s", [chunk])
                for token_id, data in cursor.fetchall():
                    row = self.row_of.get(token_id)
                    if row is not None:
                        bits[row] = np.frombuffer(bytes(data), dtype=np.uint8)
            self.chunks[chunk] = (bits, bits.copy())
        return self.chunks[chunk][0]

    def clear(self, article_ids: Iterable[int]) -> None:
        for pk in article_ids:
            bits = self._chunk(pk // CHUNK)
            offset = pk % CHUNK
            bits[:, offset >> 3] &= np.uint8(~(1 << (offset & 7)) & 0xFF)

    def add(self, rows: Iterable[IndexRow]) -> None:
        for row in rows:
            bits = self._chunk(row.article_id // CHUNK)
            offset = row.article_id % CHUNK
            index = [self.row_of[pk] for pk in token_ids(row, self.fields, self.vocabulary[ALL])]
            bits[index, offset >> 3] |= np.uint8(1 << (offset & 7))

    def flush(self, below: int | None = None) -> None:
        """Write changed chunks (those before chunk `below` only, when given) and forget them."""
        done = [c for c in self.chunks if below is None or c < below]
        params = []
        for chunk in done:
            bits, original = self.chunks.pop(chunk)
            changed = np.flatnonzero((bits != original).any(axis=1))
            params += [(self.token_of[i], chunk, bits[i].tobytes()) for i in changed]
        if params:
            with connection.cursor() as cursor:
                cursor.executemany(UPSERT, params)


def fetch_packed(ids: Sequence[int], size: int) -> dict[int, np.ndarray]:
    """Token id -> its bits for article ids 0 … size - 1, packed (absent chunks are zeros)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    chunks = math.ceil(size / CHUNK)
    packed = {pk: np.zeros(chunks * CHUNK_BYTES, dtype=np.uint8) for pk in wanted}
    marks = ", ".join(["%s"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token_id, chunk, bits FROM {SearchBitmap._meta.db_table} "
            f"WHERE token_id IN ({marks}) AND chunk < %s",
            [*wanted, chunks],
        )
        for token_id, chunk, data in cursor.fetchall():
            packed[token_id][chunk * CHUNK_BYTES : (chunk + 1) * CHUNK_BYTES] = np.frombuffer(data, dtype=np.uint8)
    return packed


def unpack(packed: np.ndarray, size: int) -> np.ndarray:
    """Packed bits -> boolean array over article ids 0 … size - 1."""
    return np.unpackbits(packed, count=size, bitorder="little").view(bool)


def fetch(ids: Sequence[int], size: int) -> dict[int, np.ndarray]:
    """Token id -> boolean array over article ids 0 … size - 1."""
    return {pk: unpack(bits, size) for pk, bits in fetch_packed(ids, size).items()}
