"""Search index for speed at 100,000 articles (see articles/search/PERFORMANCE.md).

PostgreSQL: the big body vector (`vector`, TOASTed) is only ever read through its GIN index with
plain lexeme queries, which need no recheck; title and tags move to a small inline `head` vector
(weights A/B) that ranking may read per row. `title_key` gets an index for the exact-title boost.
SQLite: facet ids and `title_key` are already in the document table keyed by rowid; only the
`title_key` index is new. 0005 rebuilds the index rows.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE articles_searchdocument ADD COLUMN head tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX articles_searchdoc_head_gin ON articles_searchdocument USING gin (head)",
    "CREATE INDEX articles_searchdoc_title_key ON articles_searchdocument (title_key)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS articles_searchdoc_title_key",
    "ALTER TABLE articles_searchdocument DROP COLUMN IF EXISTS head",
]
SQLITE = ["CREATE INDEX articles_searchdoc_title_key ON articles_searchdocument (title_key)"]
SQLITE_DROP = ["DROP INDEX IF EXISTS articles_searchdoc_title_key"]


def forward(apps, schema_editor):
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_search_index")]

    operations = [
        migrations.RunPython(forward, backward),
    ]
