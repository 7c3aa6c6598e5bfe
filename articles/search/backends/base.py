"""What both backends share: the index table layout, the ranking policy and the SQL around matching.

A backend only says how to store a document's tokens and how to test "this phrase occurs in this
field" in SQL; everything else (filters, sorts, the score, facet combinations) is written once here.

Index table `articles_searchdocument` (one row per article that is published with active taxonomy,
whatever its publish time — "public yet" is decided at query time): article_id, the facet ids,
published_at, title_sort, title_key. Facet counts group by its columns without joins.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from ..query import QueryPlan

TABLE = "articles_searchdocument"
FIELDS = ("title", "tags", "body")

# Ranking policy: coverage first (more query parts matched), then where they matched, then phrase.
COVERAGE = 100.0  # per query part found anywhere (a synonym counts half)
FIELD_WEIGHT = {"title": 6.0, "tags": 3.0, "body": 1.0}  # per query part, title > tags > body
SYNONYM_FACTOR = 0.5
PHRASE_ANYWHERE = 20.0  # the whole query, in order
PHRASE_IN_TITLE = 30.0
EXACT_TITLE = 10000.0  # the query is the article's title
RERANK_CANDIDATES = 200  # best matches that get the in-order phrase bonus


@dataclass(frozen=True)
class IndexRow:
    article_id: int
    service_id: int
    category_id: int
    platform_id: int
    published_at: datetime
    title_sort: str
    title_key: str
    fields: dict[str, list[str]]  # field -> tokens


@dataclass(frozen=True)
class FacetIds:
    service: tuple[int, ...] | None = None  # None: not filtered
    category: tuple[int, ...] | None = None
    platform: tuple[int, ...] | None = None


SQL = tuple[str, list]


class Backend:
    vendor = ""

    # --- vendor specific -------------------------------------------------------------------------
    def hits(
        self, phrases: Sequence[tuple[str, ...]], field: str, in_order: bool, columns: str, junctions: Sequence[str] = ()
    ) -> SQL:
        """A SELECT of `columns` (of the document table as `d`) of documents where any of the token phrases occurs in `field`.
        `in_order=False` allows the index to answer with the phrase's tokens anywhere in a body
        (see PERFORMANCE.md); quoted phrases always pass True. `junctions` (analyzer.junctions) are
        tokens the body must contain too: a backend may use them to narrow the index lookup."""
        raise NotImplementedError

    def match(
        self, phrases: Sequence[tuple[str, ...]], fields: Sequence[str], in_order: bool, junctions: Sequence[str] = ()
    ) -> SQL:
        """SQL true when any of the phrases occurs in any of `fields` of the document row `d`, answered
        by the index (see `hits` for `in_order` and `junctions`)."""
        raise NotImplementedError

    def phrase_anywhere(self, phrase: tuple[str, ...]) -> SQL:
        """SQL true when the phrase occurs in order in the document row `d` (checked on a few rows)."""
        raise NotImplementedError

    def write_rows(self, cursor, rows: list[IndexRow]) -> None:
        raise NotImplementedError

    def execute(self, sql: str, params: list, *, text_query: bool = False) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def datetime_param(self, value: datetime):
        return connection.ops.adapt_datetimefield_value(value)

    # --- shared ----------------------------------------------------------------------------------
    def delete(self, cursor, article_ids: Sequence[int]) -> None:
        if article_ids:
            marks = ", ".join(["%s"] * len(article_ids))
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id IN ({marks})", list(article_ids))

    def replace(self, article_ids: Sequence[int], rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            self.delete(cursor, article_ids)
            if rows:
                self.write_rows(cursor, rows)

    def facet_where(self, facets: FacetIds) -> SQL:
        clauses, params = [], []
        for name in ("service", "category", "platform"):
            ids = getattr(facets, name)
            if ids is not None:
                if not ids:
                    clauses.append("1 = 0")
                else:
                    clauses.append(f"m.{name}_id IN ({', '.join(['%s'] * len(ids))})")
                    params += list(ids)
        return " AND ".join(clauses) or "1 = 1", params

    def matches(self, plan: QueryPlan, now: datetime, columns: str) -> SQL:
        """Every public match with its facet ids and score, set-based: one index lookup per query part,
        field and kind (term or synonym) yielding `columns` of the hits, then one GROUP BY; big
        vectors are never read row by row. Scores are summed as integers (twice the policy's points)."""
        if plan.is_browse:
            return f"SELECT {columns}, 0 AS score FROM {TABLE} d WHERE d.published_at <= %s", [self.datetime_param(now)]
        selects, params = [], []
        names = ", ".join(c.split(".")[-1] for c in columns.split(", "))

        def add(sql: str, p: list, part: int, points: dict[str, float]) -> None:
            values = ", ".join(f"{round(2 * points.get(name, 0))} AS {name}" for name in ("c", *FIELDS, "x"))
            selects.append(f"SELECT {names}, {part} AS part, {values} FROM ({sql}) h{len(selects)}")
            params.extend(p)

        for i, part in enumerate(plan.parts):
            for field in FIELDS:
                for phrases, factor in (([part.term.tokens], 1.0), (part.synonyms, SYNONYM_FACTOR)):
                    if phrases:
                        also = part.term.junctions if field == "body" and factor == 1.0 else ()
                        sql, p = self.hits(phrases, field, in_order=part.required, columns=columns, junctions=also)
                        add(sql, p, i, {"c": COVERAGE * factor, field: FIELD_WEIGHT[field] * factor})
        if plan.phrase:
            sql, p = self.hits([plan.phrase], "title", in_order=True, columns=columns)
            add(sql, p, -1, {"x": PHRASE_IN_TITLE})
        add(f"SELECT {columns} FROM {TABLE} d WHERE d.title_key = %s", [plan.title_key], -1, {"x": EXACT_TITLE})
        score = " + ".join(
            f"MAX(CASE WHEN part = {i} THEN {name} ELSE 0 END)" for i in range(len(plan.parts)) for name in ("c", *FIELDS)
        )
        required = [i for i, part in enumerate(plan.parts) if part.required]
        having = " AND ".join(f"MAX(CASE WHEN part = {i} THEN 1 ELSE 0 END) = 1" for i in required)
        sql = (
            f"SELECT {names}, ({score} + SUM(x)) / 2.0 AS score FROM ({' UNION ALL '.join(selects)}) h "
            f"WHERE published_at <= %s GROUP BY {names}{' HAVING ' + having if having else ''}"
        )
        return sql, [*params, self.datetime_param(now)]

    def search(
        self, plan: QueryPlan, now: datetime, facets: FacetIds, sort: str, offset: int, limit: int
    ) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, float]]]:
        """Facet combinations (service_id, category_id, platform_id, count) of every match before
        facet filters, and (article_id, score) of one page in `sort` order — one statement."""
        columns = "d.article_id, d.service_id, d.category_id, d.platform_id, d.published_at"
        if sort == "title":
            columns += ", d.title_sort"
        # Every sort goes through the set-based hit rows: a single OR-ed condition lets PostgreSQL
        # walk the publish-time index and test each row, reading every body vector (seconds at 100k).
        matches, params = self.matches(plan, now, columns)
        where, where_params = self.facet_where(facets)
        join, order = "", "m.published_at DESC, m.article_id DESC"
        score = "m.score"
        top = f"SELECT m.* FROM m WHERE {where}"
        top_params = list(where_params)
        if sort == "relevance" and not plan.is_browse:
            order = "m.score DESC, m.published_at DESC, m.article_id DESC"
            if plan.phrase:
                # The in-order phrase bonus reads the big body data, so only for the best candidates;
                # it is smaller than one part's coverage, so it only reorders among near-equals.
                phrase_sql, phrase_params = self.phrase_anywhere(plan.phrase)
                top = (
                    f"SELECT m.article_id, m.published_at, m.score + CASE WHEN {phrase_sql} THEN {PHRASE_ANYWHERE} "
                    f"ELSE 0 END AS score FROM (SELECT m.* FROM m WHERE {where} ORDER BY {order} LIMIT %s) m "
                    f"JOIN {TABLE} d ON d.article_id = m.article_id"
                )
                top_params = [*phrase_params, *where_params, max(RERANK_CANDIDATES, offset + limit)]
        elif sort == "popular":
            join = "JOIN articles_article a ON a.id = m.article_id"  # view counts change without saves
            order = "a.view_count DESC, m.published_at DESC, m.article_id DESC"
        elif sort == "title":
            order = f"m.title_sort {self.binary_collation} ASC, m.article_id ASC"
        materialized = "NOT MATERIALIZED" if plan.is_browse else "MATERIALIZED"
        sql = (
            f"WITH m AS {materialized} ({matches}) "
            "SELECT 0, service_id, category_id, platform_id, COUNT(*), 0 FROM m GROUP BY service_id, category_id, platform_id "
            f"UNION ALL SELECT * FROM (SELECT 1, m.article_id, 0, 0, 0, {score} FROM ({top}) m {join} "
            f"ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        rows = self.execute(sql, [*params, *top_params, limit, offset], text_query=not plan.is_browse)
        combos = [tuple(r[1:5]) for r in rows if r[0] == 0]
        page = [(r[1], float(r[5])) for r in rows if r[0] == 1]
        return combos, page

    binary_collation = ""
    rebuild_clear = f"DELETE FROM {TABLE}"
    rebuild_drop: list[str] = []  # statements before / after a full rebuild (bulk index builds)
    rebuild_create: list[str] = []
