"""SQLite: an FTS5 table of the analyzer's tokens, one column per field.

The analyzer already produced the tokens, so FTS5's `ascii` tokenizer only has to split them on the
spaces we joined them with (non-ASCII characters are token characters to it). Queries are FTS5
phrases of our own tokens in double quotes; user text never reaches the FTS5 query syntax.
"""

from collections.abc import Sequence

from .base import FIELDS, SQL, Backend, IndexRow

FTS_TABLE = "articles_searchfts"


def fts_query(phrases: Sequence[tuple[str, ...]], field: str | None) -> str:
    # Tokens are letters, digits or Hangul only: no double quote to escape.
    alternatives = " OR ".join(f'"{" ".join(phrase)}"' for phrase in phrases if phrase)
    if not alternatives:
        return ""
    return f"{field} : ({alternatives})" if field else alternatives


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def hits(
        self, phrases: Sequence[tuple[str, ...]], field: str, in_order: bool, label: int, junctions: Sequence[str] = ()
    ) -> SQL:
        # FTS5 keeps positions in its doclists: a phrase costs about what a token does. Its rowid is
        # the article id, and its rows go with their documents (trigger), so no join is needed.
        return f"SELECT {int(label)} AS k, rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts_query(phrases, field)]

    def phrase_among(self, phrase: tuple[str, ...], article_ids: Sequence[int]) -> SQL:
        # With the rowids given, FTS5 seeks each one instead of matching the whole index.
        marks = ", ".join(["%s"] * len(article_ids))
        return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})", [
            fts_query([phrase], None),
            *article_ids,
        ]

    # After a bulk load FTS5 holds many segments and every lookup seeks in each; merged into one, a
    # 200-row phrase check at 100,000 articles went from 100 ms to 4 ms (PERFORMANCE.md).
    rebuild_create = [f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')"]

    def write_rows(self, cursor, rows: list[IndexRow], seq: int) -> None:
        cursor.executemany(
            "INSERT INTO articles_searchdocument (article_id, service_id, category_id, platform_id, "
            "published_at, title_sort, title_key, seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (r.article_id, r.service_id, r.category_id, r.platform_id, self.datetime_param(r.published_at),
                 r.title_sort, r.title_key, seq)
                for r in rows
            ],
        )
        # The FTS rows of these articles went with their documents (trigger in migration 0003).
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FIELDS)}) VALUES (%s, %s, %s, %s)",
            [(r.article_id, *(" ".join(r.fields.get(f, ())) for f in FIELDS)) for r in rows],
        )
