"""PostgreSQL: a weighted tsvector column (A title, B tags, C body) with a GIN index.

The vector and every tsquery are built here from the analyzer's tokens as literals, never by
PostgreSQL's parser from user text, so tsquery syntax in a query is just text that has no tokens.
Phrases use `<->` on the token positions the analyzer assigned.
"""

from collections.abc import Sequence

from .base import FIELDS, SQL, Backend, IndexRow

WEIGHTS = {"title": "A", "tags": "B", "body": "C"}
MAX_POSITION = 16383  # PostgreSQL's limit; later positions are clamped
MAX_POSITIONS_PER_TOKEN = 256  # PostgreSQL keeps at most 256 positions per lexeme
FIELD_GAP = 8  # positions between fields so a phrase never spans two fields


def quote(token: str) -> str:
    # Tokens are letters, digits or Hangul only (see analyzer.char_class): nothing to escape.
    return f"'{token}'"


def tsvector_literal(fields: dict[str, list[str]]) -> str:
    positions: dict[str, list[str]] = {}
    pos = 1
    for field in FIELDS:
        weight = WEIGHTS[field]
        for token in fields.get(field, ()):
            slots = positions.setdefault(token, [])
            if len(slots) < MAX_POSITIONS_PER_TOKEN:
                slots.append(f"{min(pos, MAX_POSITION)}{weight}")
            pos += 1
        pos += FIELD_GAP
    return " ".join(f"{quote(token)}:{','.join(slots)}" for token, slots in positions.items())


def tsquery_literal(phrases: Sequence[tuple[str, ...]], field: str | None) -> str:
    label = f":{WEIGHTS[field]}" if field else ""
    alternatives = [" <-> ".join(f"{quote(t)}{label}" for t in phrase) for phrase in phrases if phrase]
    return " | ".join(f"({a})" for a in alternatives)


class PostgresBackend(Backend):
    vendor = "postgresql"
    binary_collation = 'COLLATE "C"'  # code point order is 가나다 order for Hangul syllables
    # `|| ''` detoasts the vector once per row in the subquery instead of once per @@ in the score.
    rank_columns = ", d.vector || ''::tsvector AS vector"
    subquery_fence = "OFFSET 0"

    def match(self, phrases: Sequence[tuple[str, ...]], field: str | None) -> SQL:
        query = tsquery_literal(phrases, field)
        if not query:
            return "FALSE", []
        return "d.vector @@ %s::tsquery", [query]

    def write_rows(self, cursor, rows: list[IndexRow]) -> None:
        cursor.executemany(
            "INSERT INTO articles_searchdocument (article_id, service_id, category_id, platform_id, "
            "published_at, title_sort, title_key, vector) VALUES (%s, %s, %s, %s, %s, %s, %s, %s::tsvector)",
            [
                (r.article_id, r.service_id, r.category_id, r.platform_id, r.published_at, r.title_sort,
                 r.title_key, tsvector_literal(r.fields))
                for r in rows
            ],
        )
