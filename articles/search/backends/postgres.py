"""PostgreSQL: a weighted tsvector column (A title, B tags, C body) with a GIN index.

The vector and every tsquery are built here from the analyzer's tokens as literals, never by
PostgreSQL's parser from user text, so tsquery syntax in a query is just text that has no tokens.
Phrases use `<->` on the token positions the analyzer assigned.
"""

from collections.abc import Sequence

from django.db import connection, transaction

from .base import FIELDS, SQL, Backend, IndexRow

WEIGHTS = {"title": "A", "tags": "B"}  # in `head`; the body has its own `vector`


def quote(token: str) -> str:
    # Tokens are letters, digits or Hangul only (see analyzer.char_class): nothing to escape.
    return f"'{token}'"


def tsquery_literal(phrases: Sequence[tuple[str, ...]], field: str | None = None, in_order: bool = True) -> str:
    """Any of the phrases; `in_order=False` asks only for all their lexemes, which a GIN index
    answers exactly (no recheck of the row, so no detoasting of a big vector)."""
    label = f":{WEIGHTS[field]}" if field in WEIGHTS else ""
    joiner = " <-> " if in_order else " & "
    alternatives = [joiner.join(f"{quote(t)}{label}" for t in phrase) for phrase in phrases if phrase]
    return " | ".join(f"({a})" for a in alternatives)


class PostgresBackend(Backend):
    vendor = "postgresql"
    binary_collation = 'COLLATE "C"'  # code point order is 가나다 order for Hangul syllables
    # `|| ''` detoasts the vector once per row in the subquery instead of once per @@ in the score.
    def hits(
        self, phrases: Sequence[tuple[str, ...]], field: str, in_order: bool, columns: str, junctions: Sequence[str] = ()
    ) -> SQL:
        query = tsquery_literal(phrases, field, in_order or field != "body")
        if junctions:  # GIN finds the rows with every junction; only those are rechecked (detoasted)
            query = f"({query}) & " + " & ".join(quote(j) for j in junctions)
        column = "vector" if field == "body" else "head"
        return f"SELECT {columns} FROM articles_searchdocument d WHERE d.{column} @@ %s::tsquery", [query]

    def phrase_anywhere(self, phrase: tuple[str, ...]) -> SQL:
        query = tsquery_literal([phrase])
        return "(d.head @@ %s::tsquery OR d.vector @@ %s::tsquery)", [query, query]

    def execute(self, sql: str, params: list) -> list[tuple]:
        # A common term matches a third of the documents, so the planner prefers a sequential scan,
        # which would detoast every body vector; the GIN bitmap never reads them. Enough work_mem
        # keeps the bitmaps exact (a lossy page is rechecked, i.e. detoasted).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0")
            cursor.execute(sql, params)
            return cursor.fetchall()

    # GIN indexes cost ~3.4 ms per article maintained row by row and ~0.4 ms built in one pass
    # (PERFORMANCE.md), so a full rebuild drops them first and creates them again at the end.
    rebuild_drop = ["DROP INDEX IF EXISTS articles_searchdoc_vector_gin", "DROP INDEX IF EXISTS articles_searchdoc_head_gin"]
    rebuild_create = [
        "SET CONSTRAINTS ALL IMMEDIATE",  # CREATE INDEX refuses pending deferred FK checks
        "CREATE INDEX IF NOT EXISTS articles_searchdoc_vector_gin ON articles_searchdocument USING gin (vector)",
        "CREATE INDEX IF NOT EXISTS articles_searchdoc_head_gin ON articles_searchdocument USING gin (head)",
        "ANALYZE articles_searchdocument",
    ]

    def write_rows(self, cursor, rows: list[IndexRow]) -> None:
        # The tokens are ours; PostgreSQL only numbers them ('simple' splits on our spaces), in C,
        # in the server process — much cheaper than building tsvector literals in Python.
        cursor.executemany(
            "INSERT INTO articles_searchdocument (article_id, service_id, category_id, platform_id, "
            "published_at, title_sort, title_key, head, vector) VALUES (%s, %s, %s, %s, %s, %s, %s, "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B'), "
            "to_tsvector('simple', %s))",
            [
                (r.article_id, r.service_id, r.category_id, r.platform_id, r.published_at, r.title_sort,
                 r.title_key, *(" ".join(r.fields.get(f, ())) for f in FIELDS))
                for r in rows
            ],
        )
