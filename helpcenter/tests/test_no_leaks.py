"""Drafts, archived, scheduled and inactive-taxonomy articles never leak through any public URL.

The walk visits every URL pattern of the site except the admin and static files, filling each
with the hidden articles' ids and slugs. A new public pattern the walk cannot fill fails the test,
so it cannot silently fall out of date.
"""

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from articles.models import Article, Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(help_center):
    """All about 백업, all twins of the public 백업 question; each title ends in a marker that no
    search below asks for, so it survives highlighting and is never the reflected query."""
    hc = help_center
    closed = Category.objects.create(service=hc.talk, name="종료된 이벤트", slug="closed-event", is_active=False)
    common = {"question_key": "backup", "tags": "백업, 유출금지"}
    return [
        hc.make("유출금지 초안 백업 문서 LEAKDRAFT", hc.backup, hc.common, status=Article.Status.DRAFT, **common),
        hc.make("유출금지 보관 백업 문서 LEAKARCHIVED", hc.backup, hc.common, status=Article.Status.ARCHIVED, **common),
        hc.make(
            "유출금지 예약 백업 문서 LEAKSCHEDULED", hc.backup, hc.common,
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=7), **common,
        ),
        hc.make("유출금지 비활성 카테고리 백업 문서 LEAKINACTIVE", closed, hc.common, **common),
    ]


def public_patterns():
    """(full name, route) of every URL pattern except the admin's and static files'."""
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin" or p.app_name == "admin":
                    continue
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith("static/"):
                    continue
                found.append((f"{namespace}:{p.name}" if namespace else p.name, route))

    walk(get_resolver().url_patterns, "", None)
    return found


SEARCHES = ["유출금지", "백업", "백업 문서", ""]


def requests_for(name: str, hc, article: Article) -> list[tuple[str, str, dict, int | None]]:
    """(method, url, data, expected status or None for "any non-error") reaching `article` by `name`."""
    visible = hc.backup_android
    table = {
        "sitemap": lambda: [("get", "/sitemap.xml", {}, 200)],
        "robots": lambda: [("get", "/robots.txt", {}, 200)],
        "insights:click": lambda: [("get", reverse("insights:click", args=[1, article.pk, 1]), {}, 404)],
        "articles:home": lambda: [("get", reverse("articles:home"), {}, 200)],
        "articles:search": lambda: [("get", reverse("articles:search"), {"q": q, "sort": s}, 200) for q in SEARCHES for s in ("relevance", "newest")]
        + [("get", reverse("articles:search"), {"q": "백업", "category": article.category.slug, "platform": "common"}, 200)],
        "articles:detail": lambda: [("get", reverse("articles:detail", args=[article.pk]), {}, 404), ("get", visible.get_absolute_url(), {}, 200)],
        "articles:feedback": lambda: [("post", reverse("articles:feedback", args=[article.pk]), {"helpful": "yes"}, 404)],
        "articles:service": lambda: [("get", reverse("articles:service", args=[article.service.slug]), {}, 200)],
        "articles:category": lambda: [
            ("get", reverse("articles:category", args=[article.service.slug, article.category.slug]), {"platform": "common"},
             200 if article.category.is_active else 404),
            ("get", reverse("articles:category", args=[hc.talk.slug, hc.backup.slug]), {}, 200),
        ],
        "articles:api-search": lambda: [("get", reverse("articles:api-search"), {"q": q}, 200) for q in SEARCHES]
        + [("get", reverse("articles:api-search"), {"category": hc.backup.slug}, 200)],
        "articles:api-article": lambda: [("get", reverse("articles:api-article", args=[article.pk]), {}, 404),
                                 ("get", reverse("articles:api-article", args=[visible.pk]), {}, 200)],
        # Uploaded image files (random names, never an article's text); none exists here, so 404.
        "media": lambda: [("get", f"/media/images/2026/11/{'0' * 32}.png", {}, 404)],
        "articles:api-suggest": lambda: [("get", reverse("articles:api-suggest"), {"q": q}, 200) for q in ("유출금지", "백업", "문서")],
    }
    if name not in table:
        pytest.fail(f"New public URL pattern {name!r}: teach test_no_leaks.requests_for how to reach an article through it")
    return table[name]()


def test_the_walk_knows_every_public_pattern(help_center):
    names = {name for name, _route in public_patterns()}
    assert {"articles:detail", "articles:search", "articles:api-search", "sitemap"} <= names
    for name in names:
        requests_for(name, help_center, help_center.backup_android)


def test_no_public_url_shows_a_hidden_article(client, help_center, hidden):
    forbidden = [a.title for a in hidden] + ["LEAKDRAFT", "LEAKARCHIVED", "LEAKSCHEDULED", "LEAKINACTIVE"]
    hidden_urls = [f'/articles/{a.pk}/"' for a in hidden] + [f"/articles/{a.pk}/<" for a in hidden]
    counts_before = {a.pk: (a.helpful_count, a.view_count) for a in hidden}
    for name, _route in public_patterns():
        for article in hidden:
            for method, url, data, expected in requests_for(name, help_center, article):
                response = getattr(client, method)(url, data)
                where = f"{name} {method.upper()} {url}?{urlencode(data, doseq=True)}"
                if expected is not None:
                    assert response.status_code == expected, where
                text = response.content.decode()
                for title in forbidden:
                    assert title not in text, f"{title!r} leaked through {where}"
                    assert json.dumps(title)[1:-1] not in text, f"{title!r} leaked (JSON) through {where}"
                for fragment in hidden_urls:
                    assert fragment not in text, f"link to a hidden article in {where}"
    for article in Article.objects.filter(pk__in=counts_before):
        assert (article.helpful_count, article.view_count) == counts_before[article.pk]


def test_counts_and_facets_count_only_public_articles(client, help_center, hidden):
    public = Article.objects.published()
    assert json.loads(client.get(reverse("articles:api-search"), {"q": "유출금지"}).content)["count"] == 0
    assert json.loads(client.get(reverse("articles:api-suggest"), {"q": "유출금지"}).content)["suggestions"] == []
    for query in SEARCHES:
        data = json.loads(client.get(reverse("articles:api-search"), {"q": query}).content)
        for facet, values in data["facets"].items():
            for value in values:
                assert value["count"] <= public.filter(**{f"{facet}__slug": value["slug"]}).count(), (query, facet, value)
        assert data["count"] <= public.count()
        assert all(v["slug"] != "closed-event" for v in data["facets"].get("category", []))

    browse = json.loads(client.get(reverse("articles:api-search")).content)
    assert public.count() == 4
    assert browse["count"] == 3  # questions: the two public platform twins are one
    by_category = {v["slug"]: v["count"] for v in browse["facets"]["category"]}
    assert by_category[help_center.backup.slug] == 1  # the public twins' question, not the four hidden ones
    by_platform = {v["slug"]: v["count"] for v in browse["facets"]["platform"]}
    assert by_platform[help_center.backup_android.platform.slug] >= 1

    service_page = client.get(help_center.talk.get_absolute_url()).content.decode()
    assert "종료된 이벤트" not in service_page


def test_other_platform_links_only_point_to_public_twins(client, help_center, hidden):
    html = client.get(help_center.backup_android.get_absolute_url()).content.decode()
    assert help_center.backup_ios.get_absolute_url() in html
    for article in hidden:
        assert article.get_absolute_url() not in html
    api = json.loads(client.get(reverse("articles:api-article", args=[help_center.backup_android.pk])).content)
    assert [v["id"] for v in api["platform_variants"]] == [help_center.backup_ios.pk]


def test_sitemap_lists_public_articles_only(client, help_center, hidden):
    xml = client.get("/sitemap.xml").content.decode()
    assert help_center.backup_android.get_absolute_url() in xml
    for article in hidden:
        assert f"{article.get_absolute_url()}<" not in xml
    assert "closed-event" not in xml


def test_a_scheduled_article_appears_once_its_time_comes(client, help_center, hidden):
    scheduled = hidden[2]
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 200
