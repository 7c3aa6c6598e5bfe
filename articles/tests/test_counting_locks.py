"""PostgreSQL: a page view is counted while another connection holds the article's row lock
(an import or an admin edit), and folding skips the locked row instead of waiting for it."""

import os

import pytest

on_postgresql = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
pytestmark = [
    pytest.mark.skipif(not on_postgresql, reason="row locks are PostgreSQL's; SQLite is covered by bench/live_writes.py"),
    pytest.mark.usefixtures("fresh_cache"),
]


@pytest.mark.django_db(transaction=True)
def test_view_is_counted_while_the_article_row_is_locked(client, make_article):
    import psycopg
    from django.db import connection

    from articles.counters import fold_counters
    from articles.models import Article

    article = make_article("비밀번호를 잊어버렸어요")
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as other:
        other.execute("SELECT id FROM articles_article WHERE id = %s FOR UPDATE", [article.pk])
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # a regression fails here instead of hanging
        assert client.get(article.get_absolute_url()).status_code == 200
        result = fold_counters()
        assert result.skipped_articles == {article.pk}
        assert Article.objects.get(pk=article.pk).view_count == 0
        other.rollback()
    assert fold_counters().article_ids == {article.pk}
    assert Article.objects.get(pk=article.pk).view_count == 1
