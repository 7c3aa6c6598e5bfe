"""The home-made search engine is gone (search is now its own app on Tantivy): drop its index
table, FTS5 table, bitmaps, tokens and state, and the covering index its view-count reload used."""

from django.db import migrations

DROP = {
    "postgresql": ["DROP INDEX IF EXISTS articles_article_views"],
    "sqlite": [
        "DROP TRIGGER IF EXISTS articles_searchdoc_delete",
        "DROP TABLE IF EXISTS articles_searchfts",
        "DROP INDEX IF EXISTS articles_article_views",
    ],
}


def drop_sql_objects(apps, schema_editor):
    for sql in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_search_index_epoch")]

    operations = [
        migrations.RunPython(drop_sql_objects, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(name="SearchBitmap"),
        migrations.DeleteModel(name="SearchToken"),
        migrations.DeleteModel(name="SearchIndexState"),
        migrations.DeleteModel(name="SearchDocument"),
    ]
