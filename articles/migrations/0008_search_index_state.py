from django.db import migrations, models


def create_state(apps, schema_editor):
    apps.get_model("articles", "SearchIndexState").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_searchdocument_state")]

    operations = [
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("generation", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "검색 색인 상태", "default_permissions": ()},
        ),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]
