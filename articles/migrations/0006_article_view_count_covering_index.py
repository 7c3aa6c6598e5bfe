"""Search sorted by `popular` joins every match to its view count (view counts change without
saves, so they are not copied into the search index). With bodies in the article rows that join
read the article heap row by row (3.7 s for 12,653 matches at 100,000 articles); a covering index
answers it from the index alone. See articles/search/PERFORMANCE.md."""

from django.db import migrations

CREATE = {
    "postgresql": "CREATE INDEX articles_article_views ON articles_article (id) INCLUDE (view_count)",
    "sqlite": "CREATE INDEX articles_article_views ON articles_article (id, view_count)",
}


def forward(apps, schema_editor):
    sql = CREATE.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor in CREATE:
        schema_editor.execute("DROP INDEX IF EXISTS articles_article_views")


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_narrow_rows")]

    operations = [migrations.RunPython(forward, backward)]
