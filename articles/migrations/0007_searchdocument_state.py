"""Tell Django's migration state about the search index table (created in SQL by 0003–0005).

State only: nothing changes in the database. With the model known, `flush` truncates the table
together with articles (PostgreSQL refused to truncate articles while the index referenced them).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_article_view_count_covering_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        (
                            "article",
                            models.OneToOneField(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="search_document",
                                serialize=False,
                                to="articles.article",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "검색 색인 문서",
                        "db_table": "articles_searchdocument",
                        "default_permissions": (),
                    },
                ),
            ],
            database_operations=[],
        )
    ]
