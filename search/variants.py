"""Which platform variant of a question a result shows, and the question's other platforms.

A question answered once per platform (articles sharing a question_key) is one result. It shows
the variant of a platform the query names (아이폰 백업 -> iOS), else the one for the visitor's
device (iOS, Android, PC, Mac from the User-Agent), else the 공통 one, else the best-ranked one.
"""

from articles.devices import platform_preference
from articles.models import Article


def choose(candidates: list[Article], *, named_platforms: tuple[int, ...], device: str) -> Article:
    """The variant to show among the matching `candidates` (best-ranked first)."""
    slugs = platform_preference(device)

    def rank(article: Article) -> int:
        if article.platform_id in named_platforms:
            return 0
        slug = article.platform.slug
        return 1 + slugs.index(slug) if slug in slugs else 1 + len(slugs)

    return min(candidates, key=rank)  # min keeps the first of equals: the best-ranked


def platform_links(articles: list[Article], now) -> dict[str, list[Article]]:
    """question_key -> its public variants in platform order, for the questions of `articles` that have any."""
    keys = {a.question_key for a in articles if a.question_key}
    if not keys:
        return {}
    variants: dict[str, list[Article]] = {}
    public = Article.objects.published(now).filter(question_key__in=keys).select_related("platform").defer("body")
    for article in public.order_by("platform__order", "platform__name", "pk"):
        variants.setdefault(article.question_key, []).append(article)
    return {key: found for key, found in variants.items() if len(found) > 1}
