"""End to end through the public search page and the API (written by the website engineer)."""

import pytest
from django.urls import reverse

from insights.models import SearchClick, SearchLog

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


def test_search_is_logged_and_a_result_click_is_counted(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    response = client.get("/search/", {"q": "비밀번호"}, HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 200
    entry = SearchLog.objects.get()
    assert (entry.query, entry.result_count, entry.source) == ("비밀번호", 1, "web")
    click = reverse("insights:click", args=[entry.pk, article.pk, 1])
    assert click in response.content.decode()
    followed = client.get(click, HTTP_USER_AGENT=FIREFOX)
    assert followed.status_code == 302 and followed["Location"] == article.get_absolute_url()
    assert SearchClick.objects.get().search == entry


def test_a_corrected_search_is_logged_as_typed(client, make_article):
    make_article("비밀번호를 잊어버렸어요")
    response = client.get("/search/", {"q": "비밀번효"}, HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == 200
    assert response.context["results"].corrected_from == "비밀번효"
    entry = SearchLog.objects.get()
    assert (entry.query, entry.result_count) == ("비밀번효", 1)


def test_zero_result_search_is_logged_with_a_suggestion(client, make_article, monkeypatch):
    make_article("비밀번호를 잊어버렸어요")
    response = client.get("/search/", {"q": "비밀번효", "exact": "1"}, HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == 200
    assert SearchLog.objects.get().result_count == 1  # 비밀, 밀번 still match: the pieces of the word
    assert response.context["results"].corrected_from == ""


def test_api_search_is_logged_and_returns_click_urls(client, make_article):
    make_article("비밀번호를 잊어버렸어요")
    data = client.get("/api/search/", {"q": "비밀번호"}, HTTP_USER_AGENT=FIREFOX).json()
    entry = SearchLog.objects.get()
    assert entry.source == "api"
    assert data["results"][0]["click_url"].startswith(f"/insights/click/{entry.pk}/")


def test_crawlers_searching_are_not_logged(client, make_article):
    make_article()
    client.get("/search/", {"q": "비밀번호"}, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    assert not SearchLog.objects.exists()
