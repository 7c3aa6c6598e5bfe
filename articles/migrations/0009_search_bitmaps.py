"""Bitmaps of frequent tokens, and a change sequence on index rows (articles/search/bitmaps.py,
snapshot.py): every index row records the index generation that wrote it, so a process can pick up
what changed since it last looked; then the index is rebuilt once to fill the bitmaps."""

import django.db.models.deletion
from django.db import migrations, models

ADD_SEQ = [
    "ALTER TABLE articles_searchdocument ADD COLUMN seq bigint NOT NULL DEFAULT 0",
    "CREATE INDEX articles_searchdoc_seq ON articles_searchdocument (seq)",
]
DROP_SEQ = ["DROP INDEX IF EXISTS articles_searchdoc_seq", "ALTER TABLE articles_searchdocument DROP COLUMN seq"]


def add_seq(apps, schema_editor):
    for sql in ADD_SEQ:
        schema_editor.execute(sql)


def drop_seq(apps, schema_editor):
    for sql in DROP_SEQ:
        schema_editor.execute(sql)


def rebuild(apps, schema_editor):
    """Filled the bitmaps of the engine that 0011 removed; nothing to do any more."""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_search_index_state"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("field", models.CharField(max_length=8)),
                ("token", models.CharField(max_length=64)),
            ],
            options={
                "verbose_name": "검색 빈출 토큰",
                "default_permissions": (),
                "constraints": [models.UniqueConstraint(fields=("field", "token"), name="articles_searchtoken_unique")],
            },
        ),
        migrations.CreateModel(
            name="SearchBitmap",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("chunk", models.PositiveIntegerField()),
                ("bits", models.BinaryField()),
                (
                    "token",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="bitmaps", to="articles.searchtoken"
                    ),
                ),
            ],
            options={
                "verbose_name": "검색 비트맵",
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(fields=("token", "chunk"), name="articles_searchbitmap_unique")
                ],
            },
        ),
        migrations.RunPython(add_seq, drop_seq),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
