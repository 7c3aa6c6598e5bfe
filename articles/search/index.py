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
from . import bitmaps
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


def _rows(batch: list[int]) -> list[IndexRow]:
    articles = Article.objects.filter(pk__in=batch).select_related("service", "category", "platform")
    return [index_row(a) for a in articles if is_indexable(a)]


def reindex(article_ids: Iterable[int]) -> None:
    """(Re)build the index entries of these articles; unpublished ones are removed from the index.
    Each batch is one transaction that also takes the next index generation (cached results and
    every process's snapshot go stale) and updates the bitmaps."""
    backend = get_backend()
    vocabulary = None
    for batch in _batches(article_ids):
        rows = _rows(batch)
        vocabulary = vocabulary or bitmaps.load_vocabulary()
        with transaction.atomic():
            seq = bump()
            backend.replace(batch, rows, seq)
            writer = bitmaps.Writer(vocabulary)
            writer.clear(batch)
            writer.add(rows)
            writer.flush()
    _bootstrap_vocabulary()


BULK_MIN = 5000  # reindex_many rebuilds everything when it gets this many ids…
BULK_FACTOR = 4  # …and this many times what the index holds


def reindex_many(article_ids: Iterable[int]) -> None:
    """`reindex` for bulk writers (import): a large batch into a small index is cheaper as a full
    `rebuild` (index structures built in one pass, bitmap vocabulary chosen from the new content).
    A rebuild locks searches out until the caller's transaction commits."""
    ids = list(article_ids)
    if not ids:
        return
    if len(ids) >= BULK_MIN and len(ids) >= BULK_FACTOR * indexed_count():
        rebuild(list(Article.objects.order_by("pk").values_list("pk", flat=True)))
    else:
        reindex(ids)


def remove(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index."""
    backend = get_backend()
    vocabulary = None
    for batch in _batches(article_ids):
        vocabulary = vocabulary or bitmaps.load_vocabulary()
        with transaction.atomic(), connection.cursor() as cursor:
            bump()
            backend.delete(cursor, batch)
            writer = bitmaps.Writer(vocabulary)
            writer.clear(batch)
            writer.flush()


def touch() -> None:
    """A new generation with no row changed: what every process derived from the taxonomy is stale."""
    with transaction.atomic():
        bump()


def clear() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        bump()
        cursor.execute(f"DELETE FROM {TABLE}")
        bitmaps.reset([])


def _sample_rows(ids: list[int] | None = None) -> Iterator[IndexRow]:
    """Index rows of the first SAMPLE indexable articles (of `ids`, or of the index): what the bitmap
    vocabulary is chosen from. A generator: a sample's tokens would take 100+ MB held at once."""
    if ids is None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT article_id FROM {TABLE} ORDER BY article_id LIMIT %s", [bitmaps.SAMPLE])
            ids = [row[0] for row in cursor.fetchall()]
    left = bitmaps.SAMPLE
    for batch in _batches(ids):
        for row in _rows(batch)[:left]:
            left -= 1
            yield row
        if not left:
            return


def _bootstrap_vocabulary() -> None:
    """A site's first vocabulary, once the index has a sample's worth of articles (an import into an
    empty site reaches it after its first batches). `rebuild_search_index` chooses it afresh."""
    if not bitmaps.has_vocabulary() and indexed_count() >= bitmaps.SAMPLE:
        rebuild_bitmaps()


def rebuild_bitmaps(pairs: list[tuple[str, str]] | None = None) -> None:
    """Choose the bitmap vocabulary afresh (or use `pairs`) and write every indexed article's bits."""
    with transaction.atomic():
        bump()
        writer = bitmaps.Writer(bitmaps.reset(bitmaps.choose(_sample_rows()) if pairs is None else pairs))
        for batch in _batches(sorted(indexed_ids())):
            writer.add(_rows(batch))
            writer.flush(below=batch[-1] // bitmaps.CHUNK)
        writer.flush()


def rebuild(
    article_ids: list[int], progress: Callable[[int], None] = lambda n: None, batch_size: int = BATCH_SIZE
) -> None:
    """Everything from scratch, in one transaction: searches see the old index until it commits.
    Index structures that are cheaper to build in one pass than row by row are dropped meanwhile;
    the bitmap vocabulary is chosen afresh from the first articles."""
    backend = get_backend()
    article_ids = sorted(article_ids)
    with transaction.atomic(), connection.cursor() as cursor:
        seq = bump()
        cursor.execute(backend.rebuild_clear)
        for sql in backend.rebuild_drop:
            cursor.execute(sql)
        writer = bitmaps.Writer(bitmaps.reset(bitmaps.choose(_sample_rows(article_ids))))
        for start in range(0, len(article_ids), batch_size):
            batch = article_ids[start : start + batch_size]
            rows = _rows(batch)
            backend.replace(batch, rows, seq)
            writer.add(rows)
            writer.flush(below=batch[-1] // bitmaps.CHUNK)
            progress(len(batch))
        writer.flush()
        for sql in backend.rebuild_create:
            cursor.execute(sql)


def indexed_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return cursor.fetchone()[0]


def indexed_ids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT article_id FROM {TABLE}")
        return {row[0] for row in cursor.fetchall()}
