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
    def match(self, phrases: Sequence[tuple[str, ...]], field: str | None) -> SQL:
        """SQL true when any of the token phrases occurs (in order) in `field` (None: any field)."""
        raise NotImplementedError

    def write_rows(self, cursor, rows: list[IndexRow]) -> None:
        raise NotImplementedError

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

    def where(self, plan: QueryPlan, now: datetime, facets: FacetIds) -> SQL:
        clauses, params = ["d.published_at <= %s"], [self.datetime_param(now)]
        for name in ("service", "category", "platform"):
            ids = getattr(facets, name)
            if ids is not None:
                if not ids:
                    clauses.append("1 = 0")
                else:
                    clauses.append(f"d.{name}_id IN ({', '.join(['%s'] * len(ids))})")
                    params += list(ids)
        if not plan.is_browse:
            sql, p = self.match(plan.all_phrases, None)
            clauses.append(sql)
            params += p
            for part in plan.parts:
                if part.required:
                    sql, p = self.match([part.term.tokens], None)
                    clauses.append(sql)
                    params += p
        return " AND ".join(clauses), params

    def score(self, plan: QueryPlan) -> SQL:
        terms, params = [], []

        def case(phrases, field, weight, fallback=None) -> None:
            nonlocal terms, params
            sql, p = self.match(phrases, field)
            expr, ps = f"CASE WHEN {sql} THEN {weight}", p
            if fallback:
                fsql, fp = self.match(fallback[0], field)
                expr += f" WHEN {fsql} THEN {fallback[1]}"
                ps = ps + fp
            terms.append(expr + " ELSE 0 END")
            params += ps

        for part in plan.parts:
            exact = [part.term.tokens]
            field_sql, field_params = [], []
            for field in FIELDS:
                sql, p = self.match(exact, field)
                field_sql.append(sql)
                field_params += p
            anywhere = " OR ".join(f"({s})" for s in field_sql)
            if part.synonyms:
                syn_sql, syn_params = self.match(part.synonyms, None)
                terms.append(f"CASE WHEN {anywhere} THEN {COVERAGE} WHEN {syn_sql} THEN {COVERAGE * SYNONYM_FACTOR} ELSE 0 END")
                params += field_params + syn_params
            else:
                terms.append(f"CASE WHEN {anywhere} THEN {COVERAGE} ELSE 0 END")
                params += field_params
            for field in FIELDS:
                weight = FIELD_WEIGHT[field]
                fallback = (part.synonyms, weight * SYNONYM_FACTOR) if part.synonyms else None
                case(exact, field, weight, fallback)
        if plan.phrase:
            case([plan.phrase], None, PHRASE_ANYWHERE)
            case([plan.phrase], "title", PHRASE_IN_TITLE)
        terms.append(f"CASE WHEN d.title_key = %s THEN {EXACT_TITLE} ELSE 0 END")
        params.append(plan.title_key)
        return " + ".join(terms), params

    def facet_combinations(self, plan: QueryPlan, now: datetime) -> list[tuple[int, int, int, int]]:
        """(service_id, category_id, platform_id, count) of every match, before facet filters."""
        where, params = self.where(plan, now, FacetIds())
        sql = (
            f"SELECT d.service_id, d.category_id, d.platform_id, COUNT(*) FROM {TABLE} d "
            f"WHERE {where} GROUP BY d.service_id, d.category_id, d.platform_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [tuple(row) for row in cursor.fetchall()]

    def page_ids(
        self, plan: QueryPlan, now: datetime, facets: FacetIds, sort: str, offset: int, limit: int
    ) -> list[tuple[int, float]]:
        """(article_id, score) of one page of matches in `sort` order."""
        where, params = self.where(plan, now, facets)
        join, score, score_params = "", "0", []  # noqa: F841 (score unused without a query)
        if sort == "relevance" and not plan.is_browse:
            score, score_params = self.score(plan)
            order = "score DESC, d.published_at DESC, d.article_id DESC"
        elif sort == "popular":
            join = "JOIN articles_article a ON a.id = d.article_id"  # view counts change without saves
            order = "a.view_count DESC, d.published_at DESC, d.article_id DESC"
        elif sort == "title":
            order = f"d.title_sort {self.binary_collation} ASC, d.article_id ASC"
        else:
            order = "d.published_at DESC, d.article_id DESC"
        if score_params:
            # Score over a fenced subquery so each row's match data is read once, not per predicate.
            matches = (
                f"(SELECT d.article_id, d.published_at, d.title_key{self.rank_columns} FROM {TABLE} d "
                f"WHERE {where} {self.subquery_fence}) d"
            )
            sql = f"SELECT d.article_id, {score} AS score FROM {matches} ORDER BY {order} LIMIT %s OFFSET %s"
            params = [*score_params, *params]
        else:
            sql = f"SELECT d.article_id, 0 AS score FROM {TABLE} d {join} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    binary_collation = ""
    rank_columns = ""  # extra columns the score needs from the index table
    subquery_fence = ""  # keeps the planner from inlining the match subquery into the score
