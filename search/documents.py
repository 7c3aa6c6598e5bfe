"""What the index holds of an article: the one place that says which fields are searched.

The framework side of indexing (in Wagtail's terms, the model's `search_fields`): a backend gets
`IndexDocument`s and decides how to store them. Only public-able articles are indexed — published,
with active service, category and platform; whether the publish time has passed is decided at
query time, so scheduled articles appear on time without an index write.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from articles.models import Article

from .analyzer import canonical, html_blocks, index_text, normalize, syllables

BATCH_SIZE = 1000


@dataclass(frozen=True)
class IndexDocument:
    article_id: int
    service_id: int
    category_id: int
    platform_id: int
    group: str  # the question a platform variant belongs to (question_key), or the article alone
    published_at: datetime
    views: int
    title_sort: str
    title_key: str  # canonical title: a query equal to it is the exact title
    # Searched text per field, as the analyzer's phrase stream joined by spaces, and its syllables.
    title: str
    keywords: str  # tags and taxonomy names, ranked between title and body
    body: str
    title_syllables: str
    keywords_syllables: str
    body_syllables: str
    tag_keys: tuple[str, ...] = ()  # canonical tags: a query word equal to one is what the article is about
    # The body's visible text (analyzer.html_to_text) at this version of the article, kept for
    # snippets: a results page then reads no body from the database, nor strips its tags again.
    text: str = ""
    version: int = 0


def is_indexable(article: Article) -> bool:
    return (
        article.status == Article.Status.PUBLISHED
        and article.published_at is not None
        and article.service.is_active
        and article.category.is_active
        and article.platform.is_active
    )


def document(article: Article) -> IndexDocument:
    # Taxonomy names are searchable keywords too ("카카오톡", "iOS"), ranked like tags.
    keywords = [*article.tag_list, article.service.name, article.category.name, article.platform.name]
    blocks = html_blocks(article.body)
    body = " ".join(blocks)
    return IndexDocument(
        article_id=article.pk,
        service_id=article.service_id,
        category_id=article.category_id,
        platform_id=article.platform_id,
        group=article.question_key or f"#{article.pk}",
        published_at=article.published_at,
        views=article.view_count,
        title_sort=normalize(article.title),
        title_key=canonical(article.title),
        tag_keys=tuple(dict.fromkeys(key for tag in article.tag_list if (key := canonical(tag)))),
        title=index_text(article.title),
        keywords=index_text(keywords),
        body=index_text(blocks),
        title_syllables=syllables(article.title),
        keywords_syllables=syllables(" ".join(keywords)),
        body_syllables=syllables(body),
        text=body,
        version=article.version,
    )


def documents(article_ids: Iterable[int], batch_size: int = BATCH_SIZE) -> Iterator[tuple[list[int], list[IndexDocument]]]:
    """(ids of the batch, documents of its indexable articles) per batch: ids without a document
    are to be removed from the index."""
    ids = sorted({int(pk) for pk in article_ids})
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        articles = Article.objects.filter(pk__in=batch).select_related("service", "category", "platform")
        yield batch, [document(a) for a in articles if is_indexable(a)]


def all_documents(batch_size: int = BATCH_SIZE) -> Iterator[list[IndexDocument]]:
    """Every indexable article, in id order, a batch at a time (a full rebuild)."""
    candidates = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk").values_list("pk", flat=True)
    last = 0
    while True:
        ids = list(candidates.filter(pk__gt=last)[:batch_size])
        if not ids:
            return
        last = ids[-1]
        yield next(documents(ids, batch_size))[1]
