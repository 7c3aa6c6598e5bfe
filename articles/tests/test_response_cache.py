"""Cached search responses: built once per index generation, logged on every request, never stale or unescaped."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles import api, response_cache, views
from articles.models import Article
from insights.models import SearchLog

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SLOT = str(response_cache.LOG_ID_SLOT)


@pytest.fixture
def cache_on(settings, fresh_cache):
    settings.SEARCH_CACHE_SECONDS = 60


@pytest.fixture
def renders(monkeypatch):
    """Counts how often the search page and the API body are actually built."""
    calls = []
    page, body = views.render_search_page, api.results_json

    def counting_page(*args, **kwargs):
        calls.append("page")
        return page(*args, **kwargs)

    def counting_body(*args, **kwargs):
        calls.append("api")
        return body(*args, **kwargs)

    monkeypatch.setattr(views, "render_search_page", counting_page)
    monkeypatch.setattr(api, "results_json", counting_body)
    return calls


def get(client, path="/search/", **params):
    return client.get(path, params, HTTP_USER_AGENT=FIREFOX)


def click_links(html: str) -> list[str]:
    """The click links' paths (their query string carries the search back to the article)."""
    return re.findall(r'href="(/insights/click/[^"?]+)[^"]*"', html)


def test_a_repeated_search_is_rendered_once_and_logged_every_time(cache_on, renders, client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    first, second = get(client, q="비밀번호"), get(client, q="비밀번호")
    assert first.status_code == second.status_code == 200
    assert renders == ["page"]
    entries = list(SearchLog.objects.order_by("pk"))
    assert [(e.query, e.result_count, e.source) for e in entries] == [("비밀번호", 1, "web")] * 2
    for response, entry in zip((first, second), entries, strict=True):
        html = response.content.decode()
        assert click_links(html) == [reverse("insights:click", args=[entry.pk, article.pk, 1])]
        assert SLOT not in html


def test_every_visitor_gets_click_links_to_their_own_search(cache_on, client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    get(client, q="비밀번호")
    other = Client()
    html = get(other, q="비밀번호").content.decode()
    mine = SearchLog.objects.latest("pk")
    assert click_links(html) == [reverse("insights:click", args=[mine.pk, article.pk, 1])]
    followed = other.get(click_links(html)[0], HTTP_USER_AGENT=FIREFOX)
    assert followed.status_code == 302 and mine.clicks.count() == 1


def test_unpublishing_is_never_served_from_a_cached_page(cache_on, client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    assert "잊어버렸어요" in get(client, q="비밀번호").content.decode()
    article.status = Article.Status.DRAFT
    article.save()
    html = get(client, q="비밀번호").content.decode()
    assert "잊어버렸어요" not in html and "총 0건" in html
    assert get(client, path="/api/search/", q="비밀번호").json()["count"] == 0


def test_publishing_shows_up_on_the_next_request(cache_on, client, make_article):
    make_article("비밀번호를 잊어버렸어요")
    assert "총 1건" in get(client, q="비밀번호").content.decode()
    get(client, path="/api/search/", q="비밀번호")
    make_article("비밀번호 변경 안내")
    assert "변경 안내" in get(client, q="비밀번호").content.decode()
    assert get(client, path="/api/search/", q="비밀번호").json()["count"] == 2


def test_deactivating_a_category_retires_cached_pages(cache_on, client, make_article, help_center):
    make_article("비밀번호를 잊어버렸어요")
    assert "총 1건" in get(client, q="비밀번호").content.decode()
    help_center.account.is_active = False
    help_center.account.save()
    assert "총 0건" in get(client, q="비밀번호").content.decode()


def test_the_query_stays_escaped_on_cached_pages(cache_on, client, make_article):
    make_article("비밀번호를 잊어버렸어요")
    payload = '비밀번호"><script>alert(1)</script><img src=x onerror=alert(2)>'
    for _ in range(2):
        html = get(client, q=payload).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = get(client, path="/api/search/", q=payload).content.decode()
    assert "<" not in data and ">" not in data


def test_a_query_that_contains_the_slot_digits_is_echoed_untouched(cache_on, renders, client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    query = f"비밀번호 {SLOT}"
    for _ in range(2):
        html = get(client, q=query).content.decode()
        entry = SearchLog.objects.latest("pk")
        assert click_links(html) == [reverse("insights:click", args=[entry.pk, article.pk, 1])]
        assert html.count(SLOT) >= 2  # the heading and the search box still show what was typed
    data = get(client, path="/api/search/", q=query).json()
    assert data["query"] == query
    assert data["results"][0]["click_url"] == reverse("insights:click", args=[SearchLog.objects.latest("pk").pk, article.pk, 1])


def test_staff_and_crawlers_get_plain_links_and_are_not_logged(cache_on, client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    get(client, q="비밀번호")  # an anonymous visitor's page with click links is cached first
    crawler = client.get("/search/", {"q": "비밀번호"}, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    staff = Client()
    staff.force_login(User.objects.create_user("editor", is_staff=True))
    for response in (crawler, get(staff, q="비밀번호"), get(staff, q="비밀번호")):
        html = response.content.decode()
        assert not click_links(html) and SLOT not in html
        assert f'href="{article.get_absolute_url()}?q=' in html
    assert SearchLog.objects.count() == 1


def test_a_failed_log_write_on_a_cached_page_gives_plain_links(cache_on, client, make_article, monkeypatch):
    article = make_article("비밀번호를 잊어버렸어요")
    get(client, q="비밀번호")
    monkeypatch.setattr(response_cache, "record_search", lambda request, results, filters=None: None)
    response = get(client, q="비밀번호")
    html = response.content.decode()
    assert response.status_code == 200
    assert not click_links(html) and SLOT not in html
    assert f'href="{article.get_absolute_url()}?q=' in html
    monkeypatch.undo()
    assert click_links(get(client, q="비밀번호").content.decode())  # the cached copy was kept


def test_the_api_is_cached_and_logged_too(cache_on, renders, client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    first = get(client, path="/api/search/", q="비밀번호").json()
    second = get(client, path="/api/search/", q="비밀번호").json()
    assert renders == ["api"]
    ids = list(SearchLog.objects.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == 2
    assert [first["results"][0]["click_url"], second["results"][0]["click_url"]] == [
        reverse("insights:click", args=[log_id, article.pk, 1]) for log_id in ids
    ]
    assert {k: v for k, v in first.items() if k != "results"} == {k: v for k, v in second.items() if k != "results"}


def test_invalid_api_parameters_are_still_refused(cache_on, client, make_article):
    make_article("비밀번호를 잊어버렸어요")
    for _ in range(2):
        response = get(client, path="/api/search/", q="비밀번호", page_size="500")
        assert response.status_code == 400 and response.json()["parameter"] == "page_size"


def test_paging_links_follow_the_query_string_as_sent(cache_on, client, make_article):
    for i in range(25):
        make_article(f"비밀번호 변경 안내 {i:02d}")
    plain = get(client, q="비밀번호").content.decode()
    tagged = client.get("/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8&ref=home", HTTP_USER_AGENT=FIREFOX)
    assert "ref=home" in tagged.content.decode() and "ref=home" not in plain


def test_with_the_cache_off_every_request_is_rendered(settings, renders, client, make_article):
    settings.SEARCH_CACHE_SECONDS = 0
    make_article("비밀번호를 잊어버렸어요")
    get(client, q="비밀번호")
    get(client, q="비밀번호")
    assert renders == ["page", "page"]
    assert SearchLog.objects.count() == 2


def test_a_broken_cache_still_answers(cache_on, client, make_article, monkeypatch):
    make_article("비밀번호를 잊어버렸어요")

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)  # the result cache and the response cache alike
    monkeypatch.setattr(cache, "set", broken)
    response = get(client, q="비밀번호")
    assert response.status_code == 200 and "총 1건" in response.content.decode()


@pytest.mark.parametrize("cached", [False, True])
def test_facet_names_and_slugs_written_by_staff_are_escaped(cached, settings, fresh_cache, client, make_article, help_center):
    settings.SEARCH_CACHE_SECONDS = 60 if cached else 0
    help_center.account.name = '계정"><script>alert(1)</script>'
    help_center.account.slug = "account-x"
    help_center.account.save()
    help_center.android.name = "Android <img src=x onerror=alert(2)>"
    help_center.android.save()
    make_article("비밀번호를 잊어버렸어요")
    for _ in range(2):
        html = get(client, q="비밀번호", platform="android").content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert ('value="account-x"> 계정&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; '
                '<span class="count">(1)</span></label>') in html
        assert ('value="android" checked> Android &lt;img src=x onerror=alert(2)&gt; '
                '<span class="count">(1)</span></label>') in html


def test_a_taxonomy_edit_without_articles_retires_cached_pages_too(cache_on, client, make_article, help_center):
    make_article("비밀번호를 잊어버렸어요")
    assert "토크페이" in get(client, q="비밀번호").content.decode()  # the service list on every page
    help_center.pay.name = "토크머니"  # a service none of the results belong to
    help_center.pay.save()
    html = get(client, q="비밀번호").content.decode()
    assert "토크머니" in html and "토크페이" not in html
