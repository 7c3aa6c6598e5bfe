"""Keeping the search index in step with articles — the one place that writes it.

Write paths: `Article.save()`/`delete()` and taxonomy saves through the signals in
`articles.search.signals`; bulk paths (import, bulk publish) call `reindex(ids)` themselves after
`bulk_create`/`bulk_update`/`QuerySet.update()`; `manage.py rebuild_search_index` rebuilds it all.

An article is in the index when it is published with active service, category and platform. Its
publish time is stored, not judged: a scheduled article becomes searchable when the time passes,
because every search filters `published_at <= now`.
"""

from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction

from ..models import Article
from .analyzer import canonical, html_to_text, index_tokens, normalize
from .backends import get_backend
from .backends.base import TABLE, IndexRow
from .cache import bump

BATCH_SIZE = 500


def _batches(ids: Iterable[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in ids:
        batch.append(int(pk))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def is_indexable(article: Article) -> bool:
    return (
        article.status == Article.Status.PUBLISHED
        and article.published_at is not None
        and article.service.is_active
        and article.category.is_active
        and article.platform.is_active
    )


def index_row(article: Article) -> IndexRow:
    # Taxonomy names are searchable keywords too ("카카오톡", "iOS"), ranked like tags.
    keywords = " ".join([article.tags, article.service.name, article.category.name, article.platform.name])
    return IndexRow(
        article_id=article.pk,
        service_id=article.service_id,
        category_id=article.category_id,
        platform_id=article.platform_id,
        published_at=article.published_at,
        title_sort=normalize(article.title),
        title_key=canonical(article.title),
        fields={
            "title": index_tokens(article.title),
            "tags": index_tokens(keywords),
            "body": index_tokens(html_to_text(article.body), with_junctions=True),
        },
    )


def reindex(article_ids: Iterable[int], *, stamp: bool = True) -> None:
    """(Re)build the index entries of these articles; unpublished ones are removed from the index.

    `stamp` bumps the index generation (cached results go stale); only migrations that run before
    the generation table exists pass False."""
    backend = get_backend()
    for batch in _batches(article_ids):
        articles = Article.objects.filter(pk__in=batch).select_related("service", "category", "platform")
        rows = [index_row(a) for a in articles if is_indexable(a)]
        with transaction.atomic():
            backend.replace(batch, rows)
            if stamp:
                bump()


def remove(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index."""
    backend = get_backend()
    for batch in _batches(article_ids):
        with transaction.atomic(), connection.cursor() as cursor:
            backend.delete(cursor, batch)
            bump()


def clear() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        bump()


def rebuild(
    article_ids: list[int],
    progress: Callable[[int], None] = lambda n: None,
    batch_size: int = BATCH_SIZE,
    *,
    stamp: bool = True,
) -> None:
    """Everything from scratch, in one transaction: searches see the old index until it commits.
    Index structures that are cheaper to build in one pass than row by row are dropped meanwhile."""
    backend = get_backend()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(backend.rebuild_clear)
        for sql in backend.rebuild_drop:
            cursor.execute(sql)
        for start in range(0, len(article_ids), batch_size):
            batch = article_ids[start : start + batch_size]
            reindex(batch, stamp=False)
            progress(len(batch))
        for sql in backend.rebuild_create:
            cursor.execute(sql)
        if stamp:
            bump()


def indexed_ids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT article_id FROM {TABLE}")
        return {row[0] for row in cursor.fetchall()}
