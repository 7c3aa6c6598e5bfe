"""Relevance after BM25 (search/ranking.py): the main article of a one-word topic, and the results
that share the best result's tags."""

from dataclasses import dataclass

import tantivy
from tantivy import Occur, Query

from ... import ranking
from . import queries
from .schema import META_ID

RESCORE_WINDOW = 50  # the results re-scored by related tags; past them the order is BM25's
PUBLIC_MARGIN = 8  # extra hits read in case some are scheduled


@dataclass(frozen=True)
class Rescore:
    main_topic: float = 1.0  # multiplier of questions with platform variants (one-word queries)
    own_tags: frozenset[str] = frozenset()  # the query's own words and runs, as tag keys


PLAIN = Rescore()


def scored(
    searcher: tantivy.Searcher, query: Query, wanted: int, main_topic: float, now_micros: int
) -> tuple[list[tuple[float, int]], bool]:
    """At least the `wanted` best (score, address) that are public at `now_micros` (`query` does
    not exclude the scheduled documents: see public), and whether there are no more; with
    `main_topic` > 1, the scores of questions with platform variants multiplied by it, reading on
    until no unread document could reach the wanted-th."""
    if main_topic != 1.0 and not searcher.doc_freq("shared", 1):
        main_topic = 1.0  # no question has variants: nothing to boost
    # Boosting, read twice as many: the wanted-th may be overtaken, so the edge needs a margin.
    read = wanted if main_topic == 1.0 else 2 * wanted
    while True:
        hits, exhausted = public(searcher, query, read, now_micros)
        if main_topic == 1.0 or not hits:
            return hits, exhausted
        questions = searcher.fast_field_values("question", [address for _, address in hits])
        boosted = [
            (score * main_topic if question else score, address)
            for (score, address), question in zip(hits, questions, strict=True)
        ]
        edge = sorted((score for score, _ in boosted), reverse=True)[min(wanted, len(boosted)) - 1]
        if exhausted or hits[-1][0] * main_topic < edge:
            return boosted, exhausted
        read *= 4


def public(searcher: tantivy.Searcher, query: Query, wanted: int, now_micros: int) -> tuple[list[tuple[float, int]], bool]:
    """The best `wanted` (score, address) of `query` that are public at `now_micros`, and whether
    there are no more. The few scheduled documents (and the checkpoint document) are dropped from
    what is read instead of being excluded in the query, where the engine would check every match
    against them: 1-3 ms for a word in most of 100,000 articles. Should they fill the first
    results, more are read."""
    read = wanted + PUBLIC_MARGIN
    while True:
        hits = searcher.search(query, read, count=False).hits
        addresses = [address for _, address in hits]
        published = searcher.fast_field_values("published", addresses)
        ids = searcher.fast_field_values("id", addresses)
        shown = [
            hit
            for hit, at, pk in zip(hits, published, ids, strict=True)
            if at is not None and at <= now_micros and pk != META_ID  # the checkpoint has no time
        ]
        exhausted = len(hits) < read
        if exhausted or len(shown) >= wanted:
            return shown[:wanted], exhausted and len(shown) <= wanted
        read *= 4


def related(
    searcher: tantivy.Searcher, schema: tantivy.Schema, ranked: list[tuple[float, int]], own_tags: frozenset[str]
) -> list[tuple[float, int]]:
    """`ranked` (score, address), best first, with each of the first RESCORE_WINDOW gaining RELATED ×
    the best score × the share of the best result's tags it has too (tags other than the query's
    own words; the best result has them all): what staff filed under the same subjects as the
    answer comes next. Bonuses are never negative, so the window stays above everything after it."""
    window = ranked[:RESCORE_WINDOW]
    if len(window) < 2 or not ranking.RELATED:
        return ranked
    best_score, best = window[0]
    # get_all, not to_dict: the stored document also holds the body text.
    tags = [tag for tag in searcher.doc(best).get_all("tag_keys") if tag not in own_tags]
    if not tags:
        return ranked
    ids = searcher.fast_field_values("id", [address for _, address in window[1:]])
    sharing = Query.boolean_query(
        [
            (Occur.Must, Query.const_score_query(queries.one_of(schema, "id", ids), 0.0)),
            *((Occur.Should, Query.const_score_query(Query.term_query(schema, "tag_keys", tag), 1.0)) for tag in tags),
        ]
    )
    shared = {_key(address): count for count, address in searcher.search(sharing, len(ids), count=False).hits}
    step = ranking.RELATED * best_score / len(tags)
    rescored = [(score + step * shared.get(_key(address), 0.0), address) for score, address in window[1:]]
    # The best result has all of its own tags: it gains the most and stays first.
    return [(best_score + step * len(tags), best), *rescored, *ranked[RESCORE_WINDOW:]]


def _key(address) -> tuple[int, int]:
    return address.segment_ord, address.doc
