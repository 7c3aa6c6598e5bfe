from django.db import migrations, models

import search.models


def create_state(apps, schema_editor):
    # A fresh epoch: any index built before this migration (none can be) is rebuilt, and an
    # existing site's articles are indexed by the first search or `rebuild_search_index`.
    apps.get_model("search", "IndexState").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("articles", "0011_remove_old_search_engine")]

    operations = [
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("generation", models.PositiveBigIntegerField(default=0)),
                ("epoch", models.CharField(default=search.models.new_epoch, max_length=32)),
                ("pruned_through", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "검색 색인 상태", "default_permissions": ()},
        ),
        migrations.CreateModel(
            name="IndexChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("generation", models.PositiveBigIntegerField()),
                ("article_id", models.BigIntegerField(null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={"verbose_name": "검색 색인 변경", "default_permissions": ()},
        ),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]
