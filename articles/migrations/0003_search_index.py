"""Search index tables (issue 3): vendor-specific, so raw SQL chosen by the connection's vendor.

The analyzer runs in Python, so the index cannot be a generated column; it is written by
articles.search.index from the model write paths and rebuilt by `rebuild_search_index`.
"""

from django.db import migrations

COMMON_COLUMNS = """
    article_id bigint NOT NULL PRIMARY KEY REFERENCES articles_article (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    service_id bigint NOT NULL,
    category_id bigint NOT NULL,
    platform_id bigint NOT NULL,
    published_at {timestamp} NOT NULL,
    title_sort text NOT NULL,
    title_key text NOT NULL
"""

POSTGRES = [
    "CREATE TABLE articles_searchdocument ("
    + COMMON_COLUMNS.format(timestamp="timestamp with time zone")
    + ", vector tsvector NOT NULL)",
    "CREATE INDEX articles_searchdoc_vector_gin ON articles_searchdocument USING gin (vector)",
    "CREATE INDEX articles_searchdoc_published ON articles_searchdocument (published_at DESC, article_id DESC)",
    'CREATE INDEX articles_searchdoc_title ON articles_searchdocument (title_sort COLLATE "C", article_id)',
]
SQLITE = [
    "CREATE TABLE articles_searchdocument (" + COMMON_COLUMNS.format(timestamp="datetime") + ")",
    "CREATE INDEX articles_searchdoc_published ON articles_searchdocument (published_at DESC, article_id DESC)",
    "CREATE INDEX articles_searchdoc_title ON articles_searchdocument (title_sort, article_id)",
    "CREATE VIRTUAL TABLE articles_searchfts USING fts5(title, tags, body, tokenize = 'ascii')",
    # Deleting a document (directly or by the article's ON DELETE CASCADE) drops its tokens.
    "CREATE TRIGGER articles_searchdoc_delete AFTER DELETE ON articles_searchdocument BEGIN "
    "DELETE FROM articles_searchfts WHERE rowid = old.article_id; END",
]
DROP = {
    "postgresql": ["DROP TABLE IF EXISTS articles_searchdocument"],
    "sqlite": [
        "DROP TRIGGER IF EXISTS articles_searchdoc_delete",
        "DROP TABLE IF EXISTS articles_searchfts",
        "DROP TABLE IF EXISTS articles_searchdocument",
    ],
}


def create(apps, schema_editor):
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_staff_roles")]

    operations = [
        migrations.RunPython(create, drop),
        # Rows for articles that already exist are written by 0009's rebuild, with the code of today.
    ]
