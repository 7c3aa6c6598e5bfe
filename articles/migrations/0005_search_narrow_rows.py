"""Narrow index rows (see articles/search/PERFORMANCE.md).

PostgreSQL: every search visits the heap rows its GIN bitmaps point to, so those rows must be small.
`head` (title + tags with weights, inline ~1.5 KB) made the heap 157 MB at 100,000 articles, bigger
than shared_buffers; it becomes `title_vector` and `tags_vector` without weights (so plain lexeme
queries need no recheck), and `toast_tuple_target = 128` moves every vector out of line.
SQLite: the document table is keyed by `article_id bigint` (not a rowid alias), so each FTS5 hit
would look its row up twice; a covering index answers the facet ids and publish time directly.
"""

from django.db import migrations

POSTGRES = [
    "DROP INDEX IF EXISTS articles_searchdoc_head_gin",
    "ALTER TABLE articles_searchdocument DROP COLUMN head",
    "ALTER TABLE articles_searchdocument ADD COLUMN title_vector tsvector NOT NULL DEFAULT '', "
    "ADD COLUMN tags_vector tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE articles_searchdocument SET (toast_tuple_target = 128)",
    # …but the short texts stay in the row: sorting by title must not detoast 100,000 values.
    "ALTER TABLE articles_searchdocument ALTER COLUMN title_sort SET STORAGE PLAIN, "
    "ALTER COLUMN title_key SET STORAGE PLAIN",
    "CREATE INDEX articles_searchdoc_title_gin ON articles_searchdocument USING gin (title_vector)",
    "CREATE INDEX articles_searchdoc_tags_gin ON articles_searchdocument USING gin (tags_vector)",
]
POSTGRES_BACK = [
    "DROP INDEX IF EXISTS articles_searchdoc_title_gin",
    "DROP INDEX IF EXISTS articles_searchdoc_tags_gin",
    "ALTER TABLE articles_searchdocument DROP COLUMN title_vector, DROP COLUMN tags_vector",
    "ALTER TABLE articles_searchdocument RESET (toast_tuple_target)",
    "ALTER TABLE articles_searchdocument ALTER COLUMN title_sort SET STORAGE EXTENDED, "
    "ALTER COLUMN title_key SET STORAGE EXTENDED",
    "ALTER TABLE articles_searchdocument ADD COLUMN head tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX articles_searchdoc_head_gin ON articles_searchdocument USING gin (head)",
]
SQLITE = [
    "CREATE INDEX articles_searchdoc_hit ON articles_searchdocument "
    "(article_id, service_id, category_id, platform_id, published_at)"
]
SQLITE_BACK = ["DROP INDEX IF EXISTS articles_searchdoc_hit"]


def forward(apps, schema_editor):
    for sql in {"postgresql": POSTGRES, "sqlite": SQLITE}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in {"postgresql": POSTGRES_BACK, "sqlite": SQLITE_BACK}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_index_split_vectors")]

    operations = [
        migrations.RunPython(forward, backward),
        # The rows are rebuilt by 0009 (vectors changed here, and bodies gained junction tokens in 0004).
    ]
