"""The embedded engine: Tantivy (through its official Python bindings) on this machine's disk.

Settings: SEARCH_BACKEND = {"BACKEND": "search.backends.tantivy.TantivyBackend", "PATH": <dir>,
"WRITER_HEAP": bytes, "REBUILD_HEAP": bytes}. Each machine keeps its own index under PATH and
catches up from the database's change log (search/sync.py); see store.py for the on-disk layout.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from tantivy import Order, Query

from ...documents import IndexDocument
from ...query import QueryPlan
from ..base import Checkpoint, FacetIds, Matches, SearchBackend, WriteSession
from . import queries
from .schema import FACET_FIELDS, META_ID, meta_document, micros, to_tantivy
from .store import IndexStore, OpenIndex

TIE_WINDOW = 32  # extra hits read so that equal scores can be ordered newest first
FACET_SIZE = 10_000  # more values than any taxonomy has
SORT_FIELDS = {"newest": ("newest", Order.Desc), "popular": ("popular", Order.Desc), "title": ("title_sort", Order.Asc)}


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
        missing = set() if plan.is_browse else queries.unmatched(searcher, schema, plan)
        scored, matches = (None, None) if plan.is_browse else queries.text_query(schema, plan, missing)
        now_micros = micros(now)
        filters = queries.facet_filters(schema, facets)
        query = queries.all_of(schema, scored, list(filters.values()), now_micros)
        want = offset + limit
        if sort == "relevance" and scored is not None:
            # Counting comes from the facet aggregation: without it the engine may skip whole blocks
            # of postings that cannot reach the top.
            result = searcher.search(query, want + TIE_WINDOW, count=False)
            addresses = [address for _, address in result.hits]
            newest = searcher.fast_field_values("newest", addresses)
            ranked = sorted(zip(result.hits, newest, strict=True), key=lambda h: (-round(h[0][0], 4), -h[1]))
            page = [(address, score) for (score, address), _ in ranked[offset:want]]
        else:
            field, order = SORT_FIELDS.get(sort, SORT_FIELDS["newest"])
            result = searcher.search(query, limit, count=False, order_by_field=field, order=order, offset=offset)
            page = [(address, 0.0) for _, address in result.hits]
        ids = searcher.fast_field_values("id", [address for address, _ in page])
        hits = [(pk, float(score)) for pk, (_, score) in zip(ids, page, strict=True)]
        facets, count = self._facets(searcher, schema, matches, now_micros, filters, facets)
        return Matches(count=count, hits=hits, facets=facets, unmatched=tuple(sorted(missing)))

    def _facets(
        self, searcher, schema, matches, now_micros: int, filters: dict, facet_ids: FacetIds
    ) -> tuple[dict[str, dict[int, int]], int]:
        """Each facet counted over the matches that pass the *other* facets' selections, and the
        number of matches that pass them all (every article has one value of each facet, so a
        facet's buckets add up to it; of a filtered facet, its selected values' buckets)."""
        counts: dict[str, dict[int, int]] = {}
        total = 0
        selected = {name: set(getattr(facet_ids, name) or ()) for name in filters}
        unfiltered = tuple(name for name in FACET_FIELDS if name not in filters)
        groups = [(unfiltered, list(filters.values()))] if unfiltered else []
        groups += [((name,), [f for other, f in filters.items() if other != name]) for name in filters]
        for names, others in groups:
            aggregations = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in names}
            result = searcher.aggregate(queries.all_of(schema, matches, others, now_micros), aggregations)
            for name in names:
                counts[name] = {int(b["key"]): int(b["doc_count"]) for b in result[name]["buckets"]}
            first = result[names[0]]
            if names == unfiltered:
                total = sum(counts[names[0]].values()) + int(first.get("sum_other_doc_count", 0))
            elif not unfiltered:  # every facet filtered: any one's selected values
                total = sum(counts[names[0]].get(pk, 0) for pk in selected[names[0]])
        return counts, total

    def suggest(self, plan: QueryPlan, *, now: datetime, limit: int) -> list[int]:
        live = self.store.live()
        searcher, _ = live.view()
        titles = queries.in_title(live.schema, plan)
        if titles is None:
            return []
        query = queries.all_of(live.schema, titles, [], micros(now))
        # Variants of one question sit side by side in popularity: read a few per wanted title.
        addresses = [a for _, a in searcher.search(query, limit * 4, count=False, order_by_field="popular").hits]
        seen: set[str] = set()
        ids = []
        for pk, group in zip(searcher.fast_field_values("id", addresses), self._groups(searcher, addresses), strict=True):
            if group not in seen:
                seen.add(group)
                ids.append(pk)
        return ids[:limit]

    def _groups(self, searcher, addresses) -> list[str]:
        return [searcher.doc(address)["group"][0] for address in addresses]

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
