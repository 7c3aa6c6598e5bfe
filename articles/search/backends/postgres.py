"""PostgreSQL: one tsvector per field (`title_vector`, `tags_vector`, `vector` for the body), each
with a GIN index, in rows kept narrow (vectors out of line, toast_tuple_target = 128).

Vectors are built by PostgreSQL (`to_tsvector('simple', …)`) from the analyzer's tokens joined by
spaces, and every tsquery is a literal of our tokens, never parsed from user text, so tsquery syntax
in a query is just text that has no tokens. Why the fields are separate and why most queries ask for
lexemes rather than `<->` phrases: PERFORMANCE.md (a GIN index answers plain lexeme queries without
reading the row; a phrase or a weight makes it recheck, i.e. detoast, every candidate).
"""

from collections.abc import Sequence

from django.db import connection, transaction

from .base import FIELDS, SQL, Backend, IndexRow

COLUMNS = {"title": "title_vector", "tags": "tags_vector", "body": "vector"}


def quote(token: str) -> str:
    # Tokens are letters, digits or Hangul only (see analyzer.char_class): nothing to escape.
    return f"'{token}'"


def tsquery_literal(phrases: Sequence[tuple[str, ...]], in_order: bool = True, junctions: Sequence[str] = ()) -> str:
    """Any of the phrases; `in_order=False` asks only for all their lexemes, which a GIN index
    answers exactly (no recheck of the row, so no detoasting). `junctions` must all be present too."""
    joiner = " <-> " if in_order else " & "
    query = " | ".join(f"({joiner.join(quote(t) for t in phrase)})" for phrase in phrases if phrase)
    if query and junctions:  # GIN finds the rows with every junction; only those are rechecked
        query = f"({query}) & " + " & ".join(quote(j) for j in junctions)
    return query


class PostgresBackend(Backend):
    vendor = "postgresql"

    def match(
        self, phrases: Sequence[tuple[str, ...]], fields: Sequence[str], in_order: bool, junctions: Sequence[str] = ()
    ) -> SQL:
        """SQL true when any of the phrases occurs in any of `fields` of the document row `d`."""
        sql, params = [], []
        for field in fields:
            query = tsquery_literal(phrases, in_order, junctions if field == "body" else ())
            if query:
                sql.append(f"d.{COLUMNS[field]} @@ %s::tsquery")
                params.append(query)
        return (f"({' OR '.join(sql)})" if sql else "FALSE"), params

    def hits(
        self, phrases: Sequence[tuple[str, ...]], field: str, in_order: bool, label: int, junctions: Sequence[str] = ()
    ) -> SQL:
        sql, params = self.match(phrases, [field], in_order, junctions)
        return f"SELECT {int(label)} AS k, d.article_id FROM articles_searchdocument d WHERE {sql}", params

    def phrase_among(self, phrase: tuple[str, ...], article_ids: Sequence[int]) -> SQL:
        sql, params = self.match([phrase], FIELDS, in_order=True)  # read row by row: only these rows
        marks = ", ".join(["%s"] * len(article_ids))
        return f"SELECT d.article_id FROM articles_searchdocument d WHERE d.article_id IN ({marks}) AND {sql}", [
            *article_ids,
            *params,
        ]

    def execute(self, sql: str, params: list, *, text_query: bool = False) -> list[tuple]:
        if not text_query:
            return super().execute(sql, params)
        # A common term matches a third of the documents, so the planner prefers a sequential scan,
        # which would detoast every body vector; the GIN bitmap never reads them. Enough work_mem
        # keeps the bitmaps exact (a lossy page is rechecked, i.e. detoasted).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0")
            cursor.execute(sql, params)
            return cursor.fetchall()

    # GIN indexes cost ~3.4 ms per article maintained row by row and ~0.4 ms built in one pass
    # (PERFORMANCE.md), so a full rebuild drops them first and creates them again at the end.
    GIN_INDEXES = {"vector": "articles_searchdoc_vector_gin", "title_vector": "articles_searchdoc_title_gin",
                   "tags_vector": "articles_searchdoc_tags_gin"}
    # DELETE would leave the old rows' space in the heap; TRUNCATE refuses pending deferred FK checks.
    rebuild_clear = "SET CONSTRAINTS ALL IMMEDIATE; TRUNCATE articles_searchdocument"
    rebuild_drop = [f"DROP INDEX IF EXISTS {name}" for name in GIN_INDEXES.values()]
    rebuild_create = [
        "SET CONSTRAINTS ALL IMMEDIATE",  # CREATE INDEX refuses pending deferred FK checks
        *(f"CREATE INDEX IF NOT EXISTS {name} ON articles_searchdocument USING gin ({column})"
          for column, name in GIN_INDEXES.items()),
        "ANALYZE articles_searchdocument",
    ]

    def write_rows(self, cursor, rows: list[IndexRow], seq: int) -> None:
        # The tokens are ours; PostgreSQL only numbers them ('simple' splits on our spaces), in C,
        # in the server process — much cheaper than building tsvector literals in Python.
        cursor.executemany(
            "INSERT INTO articles_searchdocument (article_id, service_id, category_id, platform_id, "
            "published_at, title_sort, title_key, seq, title_vector, tags_vector, vector) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, to_tsvector('simple', %s), to_tsvector('simple', %s), "
            "to_tsvector('simple', %s))",
            [
                (r.article_id, r.service_id, r.category_id, r.platform_id, r.published_at, r.title_sort,
                 r.title_key, seq, *(" ".join(r.fields.get(f, ())) for f in FIELDS))
                for r in rows
            ],
        )
