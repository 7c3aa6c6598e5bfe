"""One entry per question in article lists, showing the variant for the visitor's device.

Articles that answer the same question on different platforms share a `question_key`. Lists of
popular, recent and related articles show each question once; the variant shown is the one for the
device in the User-Agent (iOS, Android, PC, Mac), else the 공통 (all platforms) one, else the
list's own best-placed variant.
"""

import re
from collections.abc import Iterable

from django.utils.cache import patch_vary_headers

from .models import Article

# Platform slugs that stand for each kind of device, best first (the demo names Android "안드로이드").
DEVICE_PLATFORMS = {
    "ios": ("ios",),
    "android": ("android", "안드로이드"),
    "pc": ("pc", "windows"),
    "mac": ("mac", "macos"),
}
COMMON_PLATFORMS = ("공통", "common", "all")
_DEVICE_PATTERNS = (  # order matters: iPad's Safari says "Macintosh", Android's says "Linux"
    ("ios", re.compile(r"iPhone|iPad|iPod", re.I)),
    ("android", re.compile(r"Android", re.I)),
    ("mac", re.compile(r"Macintosh|Mac OS X", re.I)),
    ("pc", re.compile(r"Windows NT|CrOS|X11; Linux", re.I)),
)
# How many rows a list reads to find its entries: enough for several platforms of each question.
SCAN_FACTOR = 6


def device_kind(user_agent: str) -> str:
    """"ios", "android", "mac", "pc", or "" when the User-Agent names none of them."""
    for kind, pattern in _DEVICE_PATTERNS:
        if pattern.search(user_agent or ""):
            return kind
    return ""


def platform_preference(device: str) -> tuple[str, ...]:
    """Platform slugs in the order a visitor on `device` would want them."""
    return DEVICE_PLATFORMS.get(device, ()) + COMMON_PLATFORMS


def one_per_question(articles: Iterable[Article], *, device: str, limit: int) -> list[Article]:
    """The first `limit` questions of `articles` (in their order), each as its best variant for `device`.

    Variants are looked up among all public articles, so the iOS variant is shown to an iPhone even
    when only the Android one was popular enough to be listed.
    """
    picked: list[Article] = []
    keys: list[str] = []
    seen: set[str] = set()
    for article in articles:
        key = article.question_key
        if key:
            if key in seen:
                continue
            seen.add(key)
            keys.append(key)
        picked.append(article)
        if len(picked) == limit:
            break
    if not keys:
        return picked
    preference = platform_preference(device)
    best: dict[str, Article] = {}
    rank: dict[str, int] = {}
    variants = (
        Article.objects.published().with_taxonomy().filter(question_key__in=keys, platform__slug__in=preference)
    )
    for variant in variants:
        order = preference.index(variant.platform.slug)
        if order < rank.get(variant.question_key, len(preference)):
            best[variant.question_key], rank[variant.question_key] = variant, order
    return [best.get(a.question_key, a) if a.question_key else a for a in picked]


def popular_questions(queryset, *, device: str, limit: int) -> list[Article]:
    """The most viewed questions of a queryset of public articles, one variant each."""
    return one_per_question(queryset.popular()[: limit * SCAN_FACTOR], device=device, limit=limit)


def request_device(request) -> str:
    return device_kind(request.headers.get("User-Agent", "")) if request is not None else ""


def by_device(response):
    """The response picks each question's variant from the User-Agent; shared caches must know."""
    patch_vary_headers(response, ["User-Agent"])
    return response
