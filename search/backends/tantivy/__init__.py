"""The embedded engine: Tantivy (through its official Python bindings) on this machine's disk.

Settings: SEARCH_BACKEND = {"BACKEND": "search.backends.tantivy.TantivyBackend", "PATH": <dir>,
"WRITER_HEAP": bytes, "REBUILD_HEAP": bytes}. Each machine keeps its own index under PATH and
catches up from the database's change log (search/sync.py); see store.py for the on-disk layout.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from tantivy import Occur, Order, Query

from ... import ranking
from ...documents import IndexDocument
from ...query import QueryPlan
from ..base import Checkpoint, FacetIds, Matches, SearchBackend, WriteSession
from . import queries, rescore, titles
from .groups import collapse, duplicate_aggregations, subtract_duplicates
from .schema import COMBINATION, FACET_FIELDS, META_ID, combination_of, meta_document, micros, to_tantivy
from .store import IndexStore, OpenIndex
from .threads import started
from .words import IndexedWords, look_up

MEMBERS_PER_QUESTION = 16  # more platforms than any question has
TIE_WINDOW = 32  # extra hits read so that equal scores can be ordered newest first
FACET_SIZE = 10_000  # more values than any taxonomy has
COMBINATION_SIZE = 65_000  # the engine's limit of buckets in one aggregation
# Every (platform, service, category) that occurs among the matches, with its count. Fewest values
# outermost: nested the other way round it took 9 ms instead of 5 over 95,000 matches (3 ms flat).
COMBINATIONS = {
    "platform": {
        "terms": {"field": "platform", "size": FACET_SIZE},
        "aggs": {
            "service": {
                "terms": {"field": "service", "size": FACET_SIZE},
                "aggs": {"category": {"terms": {"field": "category", "size": FACET_SIZE}}},
            }
        },
    }
}
SORT_FIELDS = {"newest": ("newest", Order.Desc), "popular": ("popular", Order.Desc)}


def _texts(searcher, documents: list) -> dict[int, tuple[int, str]]:
    """{id: (version, stored body text)} of (id, address) pairs."""
    versions = searcher.fast_field_values("version", [address for _, address in documents])
    texts = {}
    for (pk, address), version in zip(documents, versions, strict=True):
        text = searcher.doc(address).get_first("text")
        if text is not None:
            texts[pk] = (version, text.decode("utf-8"))
    return texts


def _best_first(hit: tuple[tuple[float, object], int]) -> tuple[float, int]:
    """((score, address), newest): higher score first (equal to 4 decimals: a tie), then newer."""
    (score, _), newest = hit
    return -round(score, 4), -newest


class TantivySession(WriteSession):
    def __init__(self, live: OpenIndex, writer):
        self.live = live
        self.writer = writer
        self.pending = False  # changes not committed yet

    def replace(self, article_ids: list[int], documents: list[IndexDocument]) -> None:
        self.pending = True
        if article_ids:
            self.writer.delete_documents_by_query(Query.term_set_query(self.live.schema, "id", list(article_ids)))
        for doc in documents:
            self.writer.add_document(to_tantivy(doc))

    def clear(self) -> None:
        self.pending = True
        self.writer.delete_all_documents()

    def close(self) -> None:
        """Drop what was not committed, let the segment merges a commit started finish (a writer
        dropped at once cancels them, and every save would leave one more segment for every search
        to visit), then the writer itself: its lock goes with it."""
        if self.writer is not None:
            if self.pending:
                self.writer.rollback()
            self.writer.wait_merging_threads()
            self.writer = None

    def commit(self, checkpoint: Checkpoint) -> None:
        self.writer.delete_documents_by_term("id", META_ID)
        self.writer.add_document(meta_document(checkpoint))
        self.writer.commit()
        self.pending = False
        self.live.reload()


class TantivyBackend(SearchBackend):
    def __init__(self, params: dict):
        super().__init__(params)
        self.store = IndexStore(params["PATH"])
        self.writer_heap = int(params.get("WRITER_HEAP", 32_000_000))
        self.rebuild_heap = int(params.get("REBUILD_HEAP", 256_000_000))

    # --- reading ---------------------------------------------------------------------------------
    def checkpoint(self, *, refresh: bool = False) -> Checkpoint:
        live = self.store.live()
        return live.reload() if refresh else live.view()[1]

    def search(
        self, plan: QueryPlan, *, facets: FacetIds, now: datetime, sort: str, offset: int, limit: int
    ) -> Matches:
        live = self.store.live()
        searcher, _ = live.view()
        schema = live.schema
        words = IndexedWords() if plan.is_browse else look_up(searcher, schema, plan)
        scored, matches = (None, None) if plan.is_browse else queries.text_query(searcher, schema, plan, words)
        now_micros = micros(now)
        filters = queries.facet_filters(schema, facets)
        ordering = "newest" if scored is None and sort == "relevance" else sort
        if ordering == "relevance":  # scheduled documents are dropped from what is read (rescore.public)
            query = queries.restricted(scored, list(filters.values()))
        else:  # sorted by a field, the score is not read: the same matches in their cheapest form will do
            query = queries.all_of(schema, matches, list(filters.values()), now_micros)
        how = rescore.Rescore(1.0 + ranking.MAIN_TOPIC if plan.is_topic else 1.0, queries.own_tags(plan, words.split))
        # Counted on another core while this thread ranks the page, and the caller loads it.
        counting = started(self._facets, searcher, schema, matches, now_micros, filters, facets)
        page = self._page(searcher, schema, query, ordering, offset, offset + limit, now_micros, how)
        ids = searcher.fast_field_values("id", [address for address, _, _ in page])
        hits = [(pk, float(score)) for pk, (_, score, _) in zip(ids, page, strict=True)]
        shared = {question: pk for pk, (_, _, question) in zip(ids, page, strict=True) if question}
        members, member_addresses = self._members(
            searcher, schema, queries.all_of(schema, matches, list(filters.values()), now_micros), shared
        )
        listed = zip(ids, (address for address, _, _ in page), strict=True)
        texts = _texts(searcher, [*listed, *member_addresses])
        return Matches(
            hits=hits, counted=counting.result, unmatched=tuple(sorted(words.missing)), members=members, texts=texts
        )

    def _page(
        self, searcher, schema, query, sort: str, offset: int, want: int, now_micros: int, how: rescore.Rescore = rescore.PLAIN
    ) -> list[tuple[int, float, int]]:
        """(address, score, question) of the results offset..want, one per question: ranked documents
        are read until `want` questions are among them or none are left. Sorted by relevance, `query`
        leaves the scheduled documents to be dropped here (public at `now_micros`); by a field, it
        excludes them (queries.all_of)."""
        wanted = max(want * 2, want + TIE_WINDOW)
        while True:
            ranked, exhausted = self._ranked(searcher, schema, query, sort, wanted, now_micros, how)
            questions = searcher.fast_field_values("question", [address for address, _ in ranked])
            kept = collapse([(a, s, q) for (a, s), q in zip(ranked, questions, strict=True)], questions)
            if len(kept) >= want or exhausted:
                return kept[offset:want]
            wanted *= 4

    def _ranked(
        self, searcher, schema, query, sort: str, wanted: int, now_micros: int, how: rescore.Rescore
    ) -> tuple[list[tuple[int, float]], bool]:
        """The first `wanted` (address, score) in `sort` order, and whether there are no more."""
        if sort == "relevance":
            # Counting comes from the facet aggregation: without it the engine may skip whole blocks
            # of postings that cannot reach the top. TIE_WINDOW more are read so that equal scores at
            # the edge can be ordered newest first.
            hits, exhausted = rescore.scored(searcher, query, wanted + TIE_WINDOW, how.main_topic, now_micros)
            newest = searcher.fast_field_values("newest", [address for _, address in hits])
            ranked = sorted(zip(hits, newest, strict=True), key=_best_first)
            # Related tags re-score the first results in place (same order, new scores).
            rescored = rescore.related(searcher, schema, [hit for hit, _ in ranked], how.own_tags)
            ranked = sorted(zip(rescored, [n for _, n in ranked], strict=True), key=_best_first)
            return [(address, score) for (score, address), _ in ranked[:wanted]], exhausted
        if sort == "title":
            addresses, exhausted = titles.first_by_title(searcher, schema, query, wanted)
            return [(address, 0.0) for address in addresses], exhausted
        field, order = SORT_FIELDS.get(sort, SORT_FIELDS["newest"])
        result = searcher.search(query, wanted, count=False, order_by_field=field, order=order)
        return [(address, 0.0) for _, address in result.hits], len(result.hits) < wanted

    def _members(self, searcher, schema, query, shared: dict[int, int]) -> tuple[dict[int, tuple[int, ...]], list]:
        """For each listed question with variants: the ids of its matching articles, the listed one
        first; and the (id, address) of the others."""
        if not shared:
            return {}, []
        within = Query.boolean_query(
            [(Occur.Must, query), (Occur.Must, queries.one_of(schema, "question", list(shared)))]
        )
        found = searcher.search(within, MEMBERS_PER_QUESTION * len(shared), count=False)
        addresses = [address for _, address in found.hits]
        members: dict[int, list[int]] = {pk: [pk] for pk in shared.values()}
        others = []
        for pk, question, address in zip(
            searcher.fast_field_values("id", addresses),
            searcher.fast_field_values("question", addresses),
            addresses,
            strict=True,
        ):
            listed = shared[question]
            if pk != listed:
                members[listed].append(pk)
                others.append((pk, address))
        return {pk: tuple(ids) for pk, ids in members.items()}, others

    def _facets(
        self, searcher, schema, matches, now_micros: int, filters: dict, facet_ids: FacetIds
    ) -> tuple[int, dict[str, dict[int, int]]]:
        """The number of matches that pass every facet's selection, and each facet counted over the
        matches that pass the *other* facets' selections (every article has one value of each facet, so a
        facet's buckets add up to it; of a filtered facet, its selected values' buckets). Counted in
        questions: see groups.py."""
        has_variants = searcher.doc_freq("shared", 1) > 0
        if filters and not has_variants:
            return self._combinations(searcher, schema, matches, now_micros, facet_ids, list(filters))
        counts: dict[str, dict[int, int]] = {}
        total = 0
        selected = {name: set(getattr(facet_ids, name) or ()) for name in filters}
        unfiltered = tuple(name for name in FACET_FIELDS if name not in filters)
        contexts = [(unfiltered, list(filters.values()))] if unfiltered else []
        contexts += [((name,), [f for other, f in filters.items() if other != name]) for name in filters]
        for names, others in contexts:
            aggregations = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in names}
            context = queries.all_of(schema, matches, others, now_micros)
            result = searcher.aggregate(context, aggregations)
            for name in names:
                counts[name] = {int(b["key"]): int(b["doc_count"]) for b in result[name]["buckets"]}
            first = result[names[0]]
            if names == unfiltered:
                total = sum(counts[names[0]].values()) + int(first.get("sum_other_doc_count", 0))
            elif not unfiltered:  # every facet filtered: any one's selected values
                total = sum(counts[names[0]].get(pk, 0) for pk in selected[names[0]])
            if has_variants:  # articles counted so far; now questions
                repeated = self._repeated(searcher, schema, context, names, counts, total=names == unfiltered)
                if names == unfiltered:
                    total -= repeated
        if has_variants and not unfiltered:
            every = queries.all_of(schema, matches, list(filters.values()), now_micros)
            total -= self._repeated(searcher, schema, every, (), {}, total=True)
        return total, counts

    def _combinations(
        self, searcher, schema, matches, now_micros: int, facet_ids: FacetIds, filtered: list[str]
    ) -> tuple[int, dict[str, dict[int, int]]]:
        """The same counts as `_facets` with filters, for an index without variants, from one pass
        over the matches instead of one per filtered facet: every (service, category, platform)
        that occurs, counted; each facet's counts and the total are sums over the combinations the
        other facets' selections let through. (Written out per facet: the loop runs once per
        combination, 1,200 of them in the benchmark, on the counting thread beside the page's
        Python.)"""
        chosen = [set(getattr(facet_ids, name)) if name in filtered else None for name in FACET_FIELDS]
        counts: dict[str, dict[int, int]] = {name: {} for name in FACET_FIELDS}
        by_facet = [counts[name] for name in FACET_FIELDS]
        total = 0
        for values in self._occurring(searcher, queries.all_of(schema, matches, [], now_micros)):
            n = values[3]
            rejected = [i for i in (0, 1, 2) if chosen[i] is not None and values[i] not in chosen[i]]
            if not rejected:
                total += n
                for i in (0, 1, 2):
                    by_facet[i][values[i]] = by_facet[i].get(values[i], 0) + n
            elif len(rejected) == 1:
                i = rejected[0]
                by_facet[i][values[i]] = by_facet[i].get(values[i], 0) + n
        return total, counts

    @staticmethod
    def _occurring(searcher, query) -> list[tuple[int, int, int, int]]:
        """(service, category, platform, count) of each combination among the matches: one terms
        aggregation over the combination column (1.3 ms over 85,000 matches, against 3.7 for the
        three columns nested); nested, when an id was past the combination's range or there are
        more combinations than one aggregation returns."""
        result = searcher.aggregate(query, {"combinations": {"terms": {"field": COMBINATION, "size": COMBINATION_SIZE}}})
        found = result["combinations"]
        if not found.get("sum_other_doc_count") and all(b["key"] >= 0 for b in found["buckets"]):
            return [(*combination_of(b["key"]), b["doc_count"]) for b in found["buckets"]]
        result = searcher.aggregate(query, COMBINATIONS)
        return [
            (int(service["key"]), int(category["key"]), int(platform["key"]), int(category["doc_count"]))
            for platform in result["platform"]["buckets"]
            for service in platform["service"]["buckets"]
            for category in service["category"]["buckets"]
        ]

    def _repeated(self, searcher, schema, context, names, counts, *, total: bool) -> int:
        shared = Query.boolean_query([(Occur.Must, context), (Occur.Must, Query.term_query(schema, "shared", 1))])
        result = searcher.aggregate(shared, duplicate_aggregations(names, total=total))
        return subtract_duplicates(result, counts, names)

    def suggest(self, plan: QueryPlan, *, now: datetime, limit: int) -> list[int]:
        live = self.store.live()
        searcher, _ = live.view()
        titles = queries.in_title(live.schema, plan)
        if titles is None:
            return []
        now_micros = micros(now)
        query = queries.all_of(live.schema, titles, [], now_micros)
        page = self._page(searcher, live.schema, query, "popular", 0, limit, now_micros)
        return searcher.fast_field_values("id", [address for address, _, _ in page])

    # --- writing ---------------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[TantivySession | None]:
        live = self.store.live()
        writer = live.writer(self.writer_heap)
        if writer is None:
            yield None
            return
        session = TantivySession(live, writer)
        del writer
        try:
            yield session
        finally:
            session.close()

    def rebuild(self, batches: Iterable[list[IndexDocument]], checkpoint: Checkpoint) -> int:
        self.store.live()  # the link exists before the rebuild lock is taken
        with self.store.exclusive("rebuild"):
            path = self.store.new_version()
            fresh = OpenIndex(path)
            writer = fresh.writer(self.rebuild_heap)
            count = 0
            for batch in batches:
                for doc in batch:
                    writer.add_document(to_tantivy(doc))
                count += len(batch)
            TantivySession(fresh, writer).commit(checkpoint)
            writer.wait_merging_threads()
            del writer
            self.store.swap_in(path)
        return count
