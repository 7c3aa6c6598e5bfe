"""Matching, ranking, facet counts and one page, as array work over every indexed article id.

Each lookup (a query part's phrase in one field) becomes a boolean array over article ids: from
the bitmaps when every token it needs is in the vocabulary and order does not matter, otherwise
from the database index (GIN / FTS5), whose answer is then small or positional. All database
lookups of a search go in one statement. The score, the public filter, the facet counts
(a bincount per facet) and the page (a partial sort of one int64 key) follow in numpy — no per-match SQL.

Ranking policy (the points are doubled so they stay integers): per query part, COVERAGE when it
is found anywhere (a synonym counts half) plus a weight for each field it is in; the whole query in
a title in order, or as the exact title, adds more; among the best RERANK_CANDIDATES the whole query
in order anywhere adds PHRASE_ANYWHERE. Ties go to the newer article.
"""

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from .backends import get_backend
from .backends.base import FIELDS, TABLE, FacetIds
from .bitmaps import ALL, fetch, fetch_packed, unpack
from .query import QueryPlan
from .snapshot import Snapshot, micros
from .types import FACETS

COVERAGE = 100
FIELD_WEIGHT = {"title": 6, "tags": 3, "body": 1}
SYNONYM_FACTOR = 0.5
PHRASE_ANYWHERE = 20
PHRASE_IN_TITLE = 30
EXACT_TITLE = 10000
RERANK_CANDIDATES = 200
TITLE_KEY = "title_key"  # a lookup "field": the canonical title equals the query (a btree lookup)


@dataclass(frozen=True)
class Lookup:
    field: str
    tokens: tuple[str, ...]
    in_order: bool
    junctions: tuple[str, ...] = ()


@dataclass
class Lookups:
    """Every lookup of one search, answered together: bitmaps in one query, the database in another."""

    snap: Snapshot
    wanted: dict[Lookup, np.ndarray | None] = field(default_factory=dict)

    def add(self, lookup: Lookup) -> Lookup:
        self.wanted.setdefault(lookup, None)
        return lookup

    def _token_ids(self, lookup: Lookup) -> list[int] | None:
        if lookup.field == TITLE_KEY or (lookup.in_order and len(lookup.tokens) > 1):
            return None  # order needs positions: the database index has them
        ids = [self.snap.vocabulary.get((lookup.field, t)) for t in (*lookup.tokens, *lookup.junctions)]
        return None if None in ids else ids

    def run(self) -> None:
        by_bitmap = {lk: ids for lk in self.wanted if (ids := self._token_ids(lk)) is not None}
        packed = fetch_packed([pk for ids in by_bitmap.values() for pk in ids], self.snap.size)
        for lookup, ids in by_bitmap.items():  # intersect packed bits, unpack once
            self.wanted[lookup] = unpack(np.bitwise_and.reduce([packed[pk] for pk in ids]), self.snap.size)
        rest = [lk for lk in self.wanted if lk not in by_bitmap]
        if rest:
            self._database(rest)

    def _database(self, lookups: list[Lookup]) -> None:
        backend = get_backend()
        selects, params = [], []
        for i, lookup in enumerate(lookups):
            if lookup.field == TITLE_KEY:
                sql, p = f"SELECT {i} AS k, d.article_id FROM {TABLE} d WHERE d.title_key = %s", [lookup.tokens[0]]
            else:
                sql, p = backend.hits([lookup.tokens], lookup.field, lookup.in_order, i, lookup.junctions)
            selects.append(sql)
            params += p
            self.wanted[lookup] = np.zeros(self.snap.size, dtype=bool)
        # Phrases of common words may match thousands of rows: the backend's settings for big lookups.
        big = any(lk.in_order and len(lk.tokens) > 1 for lk in lookups)
        rows = np.array(backend.execute(" UNION ALL ".join(selects), params, text_query=big), dtype=np.int64)
        if len(rows):
            rows = rows[rows[:, 1] < self.snap.size]  # written after this snapshot: not known yet
            for k, lookup in enumerate(lookups):
                self.wanted[lookup][rows[rows[:, 0] == k, 1]] = True

    def __getitem__(self, lookup: Lookup) -> np.ndarray:
        return self.wanted[lookup]


def _ids_where(sql: str, params: list, size: int, *, text_query: bool = False) -> np.ndarray:
    found = np.zeros(size, dtype=bool)
    for (article_id,) in get_backend().execute(sql, params, text_query=text_query):
        if article_id < size:
            found[article_id] = True
    return found


def _any(masks: list[np.ndarray], size: int) -> np.ndarray:
    return np.logical_or.reduce(masks) if masks else np.zeros(size, dtype=bool)


def _points(mask: np.ndarray, value: int) -> np.ndarray:
    return np.multiply(mask, value, dtype=np.int32)


def score_matches(plan: QueryPlan, snap: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """(matched, doubled score) over article ids, before the public and facet filters. A synonym
    earns half: 100 coverage, W per field — only where the term itself did not."""
    lookups = Lookups(snap)
    plan_parts = []
    for part in plan.parts:
        per_field = {}
        for name in FIELDS:
            junctions = tuple(part.term.junctions) if name == "body" else ()
            term = lookups.add(Lookup(name, part.term.tokens, part.required, junctions))
            synonyms = [lookups.add(Lookup(name, tuple(s), part.required)) for s in part.synonyms]
            per_field[name] = (term, synonyms)
        plan_parts.append((part, per_field))
    in_title = lookups.add(Lookup("title", plan.phrase, True)) if plan.phrase else None
    exact = lookups.add(Lookup(TITLE_KEY, (plan.title_key,), False))
    lookups.run()

    size = snap.size
    score = _points(lookups[exact], 2 * EXACT_TITLE)
    matched = lookups[exact].copy()
    required = np.ones(size, dtype=bool)
    for part, per_field in plan_parts:
        term_any = _any([lookups[term] for term, _ in per_field.values()], size)
        synonym_any = np.zeros(size, dtype=bool)
        score += _points(term_any, 2 * COVERAGE)
        for name, (term, synonyms) in per_field.items():
            score += _points(lookups[term], 2 * FIELD_WEIGHT[name])
            if synonyms:
                synonym = _any([lookups[lk] for lk in synonyms], size)
                score += _points(synonym & ~lookups[term], FIELD_WEIGHT[name])
                synonym_any |= synonym
        score += _points(synonym_any & ~term_any, COVERAGE)
        found = term_any | synonym_any
        matched |= found
        if part.required:
            required &= found
    if in_title is not None:
        score += _points(lookups[in_title], 2 * PHRASE_IN_TITLE)
        matched |= lookups[in_title]
    return matched & required, score


def _allowed(snap: Snapshot, facets: FacetIds) -> dict[str, np.ndarray]:
    """Per filtered facet, the ids whose value is selected."""
    return {
        name: np.isin(getattr(snap, name), np.array(ids, dtype=np.int64))
        for name in FACETS
        if (ids := getattr(facets, name)) is not None
    }


def facet_counts(snap: Snapshot, matched: np.ndarray, allowed: dict[str, np.ndarray]) -> dict[str, dict[int, int]]:
    """Per facet, value id -> matches that pass the other facets' selections."""
    counts = {}
    for name in FACETS:
        mask = matched
        for other, ok in allowed.items():
            if other != name:
                mask = mask & ok
        values = np.bincount(getattr(snap, name)[mask])
        counts[name] = {int(pk): int(values[pk]) for pk in np.flatnonzero(values)}
    return counts


def _top(key: np.ndarray, candidates: np.ndarray, count: int) -> np.ndarray:
    """The `count` candidates with the highest key, highest first."""
    if count <= 0 or not len(candidates):
        return candidates[:0]
    if count < len(candidates):
        part = np.argpartition(-key, count - 1)[:count]
        candidates, key = candidates[part], key[part]
    return candidates[np.argsort(-key, kind="stable")]


def search(
    plan: QueryPlan, snap: Snapshot, now: datetime, facets: FacetIds, sort: str, offset: int, limit: int
) -> tuple[dict[str, dict[int, int]], int, list[tuple[int, float]]]:
    """Facet counts of the public matches, their number after the facet filters, and
    (article_id, score) of one page in `sort` order."""
    if ALL in snap.vocabulary:
        alive = fetch([snap.vocabulary[ALL]], snap.size)[snap.vocabulary[ALL]]
    else:  # nothing was ever indexed
        alive = np.zeros(snap.size, dtype=bool)
    public = alive & (snap.published <= micros(now))
    if plan.is_browse:
        matched, score = public, np.zeros(snap.size, dtype=np.int32)
    else:
        matched, score = score_matches(plan, snap)
        matched &= public
    allowed = _allowed(snap, facets)
    counts = facet_counts(snap, matched, allowed)
    candidates = np.flatnonzero(np.logical_and.reduce([matched, *allowed.values()]))
    newest = snap.order("newest")[candidates]
    if sort == "relevance" and not plan.is_browse:
        key = (score[candidates].astype(np.int64) << 32) | newest
    elif sort == "popular":
        key = (snap.views()[candidates] << 32) | newest
    elif sort == "title":
        key = snap.order("title")[candidates]
    else:
        key = newest
    want = offset + limit
    if sort == "relevance" and plan.phrase and not plan.is_browse:
        top = _top(key, candidates, max(RERANK_CANDIDATES, want))
        bonus = _phrase_anywhere(plan, top, snap.size)
        score[top] += np.where(bonus[top], 2 * PHRASE_ANYWHERE, 0)
        top = _top((score[top].astype(np.int64) << 32) | snap.order("newest")[top], top, want)
    else:
        top = _top(key, candidates, want)
    page = top[offset:want]
    return counts, len(candidates), [(int(pk), score[pk] / 2.0) for pk in page]


def _phrase_anywhere(plan: QueryPlan, ids: np.ndarray, size: int) -> np.ndarray:
    if not len(ids):
        return np.zeros(size, dtype=bool)
    sql, params = get_backend().phrase_among(plan.phrase, [int(pk) for pk in ids])
    return _ids_where(sql, params, size, text_query=True)
