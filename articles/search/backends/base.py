"""What both backends share: the index table layout and the SQL around it.

A backend only says how to store a document's tokens and how to test "this phrase occurs in this
field" in SQL; ranking, facets and sorting are array work in `engine.py`, the same for both.

Index table `articles_searchdocument` (one row per article that is published with active taxonomy,
whatever its publish time — "public yet" is decided at query time): article_id, the facet ids,
published_at, title_sort, title_key, seq (the index generation that wrote the row).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

TABLE = "articles_searchdocument"
FIELDS = ("title", "tags", "body")


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
        self, phrases: Sequence[tuple[str, ...]], field: str, in_order: bool, label: int, junctions: Sequence[str] = ()
    ) -> SQL:
        """A SELECT of (`label`, article id) for the documents where any of the token phrases occurs in `field`.
        `in_order=False` allows the index to answer with the phrase's tokens anywhere in a body
        (see PERFORMANCE.md); quoted phrases always pass True. `junctions` (analyzer.junctions) are
        tokens the body must contain too: a backend may use them to narrow the index lookup."""
        raise NotImplementedError

    def phrase_among(self, phrase: tuple[str, ...], article_ids: Sequence[int]) -> SQL:
        """A SELECT of the ids, among a few hundred `article_ids`, whose document has the phrase in
        order in any field."""
        raise NotImplementedError

    def write_rows(self, cursor, rows: list[IndexRow], seq: int) -> None:
        """Insert the rows, stamped with `seq` (the index generation of this write)."""
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

    def replace(self, article_ids: Sequence[int], rows: list[IndexRow], seq: int) -> None:
        with connection.cursor() as cursor:
            self.delete(cursor, article_ids)
            if rows:
                self.write_rows(cursor, rows, seq)

    rebuild_clear = f"DELETE FROM {TABLE}"
    rebuild_drop: list[str] = []  # statements before / after a full rebuild (bulk index builds)
    rebuild_create: list[str] = []
