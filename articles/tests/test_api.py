"""The JSON API: /api/search/, /api/articles/<id>/, /api/suggest/."""

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

RESULT_KEYS = {
    "id", "title", "title_highlighted", "snippet", "url", "service", "category", "platform",
    "published_at", "updated_at", "view_count",
}


@pytest.fixture
def articles(help_center, make_article):
    return {
        "forgot": make_article("비밀번호를 잊어버렸어요", view_count=30),
        "change_ios": make_article("비밀번호 변경은 어떻게 하나요", platform=help_center.ios, view_count=10),
        "refund": make_article(
            "결제를 취소하고 환불받고 싶어요",
            body="<p>결제 내역에서 취소할 결제를 고르면 환불이 접수됩니다.</p>",
            category=help_center.payment,
            platform=help_center.pc,
        ),
    }


def test_search_returns_the_documented_shape(client, articles, hidden_articles):
    response = client.get("/api/search/", {"q": "비밀번호"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"query", "corrected_from", "count", "page", "num_pages", "page_size", "sort", "results", "facets"}
    assert data["corrected_from"] is None
    assert data["query"] == "비밀번호"
    assert data["count"] == 2 and data["page"] == 1 and data["num_pages"] == 1
    assert data["page_size"] == 20 and data["sort"] == "relevance"
    assert {r["title"] for r in data["results"]} == {"비밀번호를 잊어버렸어요", "비밀번호 변경은 어떻게 하나요"}
    first = data["results"][0]
    assert RESULT_KEYS <= set(first)
    assert first["service"] == {"slug": "토크톡", "name": "토크톡"}
    assert first["category"] == {"slug": "계정-로그인", "name": "계정/로그인"}
    assert first["url"] == f"/articles/{first['id']}/"
    assert "비밀번호" in first["title_highlighted"]
    platforms = {f["slug"]: f for f in data["facets"]["platform"]}
    assert platforms["android"] == {"slug": "android", "name": "Android", "count": 1, "selected": False}
    assert platforms["ios"]["count"] == 1
    assert set(data["facets"]) == {"service", "category", "platform"}


def test_search_filters_sorts_and_pages(client, articles, help_center):
    data = client.get("/api/search/?q=비밀번호&platform=ios&platform=pc").json()
    assert [r["title"] for r in data["results"]] == ["비밀번호 변경은 어떻게 하나요"]
    assert {f["slug"]: f["selected"] for f in data["facets"]["platform"]}["ios"] is True

    data = client.get("/api/search/", {"sort": "popular", "page_size": 2}).json()
    assert data["count"] == 3 and data["num_pages"] == 2 and data["sort"] == "popular"
    assert [r["title"] for r in data["results"]] == ["비밀번호를 잊어버렸어요", "비밀번호 변경은 어떻게 하나요"]
    data = client.get("/api/search/", {"sort": "popular", "page_size": 2, "page": 2}).json()
    assert [r["title"] for r in data["results"]] == ["결제를 취소하고 환불받고 싶어요"]

    data = client.get("/api/search/", {"service": "토크페이"}).json()
    assert [r["title"] for r in data["results"]] == ["결제를 취소하고 환불받고 싶어요"]


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"sort": "best"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "둘"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"category": "없는-카테고리"}, "category"),
        ({"service": "<script>"}, "service"),
        ({"platform": "windows-phone"}, "platform"),
        ({"q": "비밀\x00번호"}, "q"),
    ],
)
def test_search_rejects_invalid_parameters_with_a_json_400_naming_them(client, articles, params, parameter):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["parameter"] == parameter
    assert body["error"]


def test_search_escapes_everything_but_marks(client, make_article):
    make_article('<img src=x onerror=alert(1)> 로그인 오류 해결', body="<p>로그인 오류가 계속되면 앱을 다시 설치해 주세요.</p>")
    data = client.get("/api/search/", {"q": "로그인"}).json()
    hit = data["results"][0]
    assert hit["title"] == "<img src=x onerror=alert(1)> 로그인 오류 해결"
    assert "<img" not in hit["title_highlighted"]
    assert "&lt;img" in hit["title_highlighted"]
    for html in (hit["title_highlighted"], hit["snippet"]):
        assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_search_never_returns_or_counts_hidden_articles(client, articles, hidden_articles):
    data = client.get("/api/search/", {"q": "비밀번호"}).json()
    assert data["count"] == 2
    ids = {r["id"] for r in data["results"]}
    assert not ids & {a.pk for a in hidden_articles}
    assert sum(f["count"] for f in data["facets"]["platform"]) == 2


def test_search_is_rate_limited_with_retry_after(client, settings, articles):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_SEARCH = "1/m"
    assert client.get("/api/search/", {"q": "비밀번호"}).status_code == 200
    response = client.get("/api/search/", {"q": "비밀번호"})
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "error" in response.json()


def test_article_api_returns_one_published_article(client, help_center, make_article):
    android = make_article("비밀번호를 잊어버렸어요", question_key="forgot-password")
    ios = make_article("비밀번호를 잊어버렸어요", question_key="forgot-password", platform=help_center.ios)
    make_article("비밀번호를 잊어버렸어요", question_key="forgot-password", platform=help_center.pc,
                 status=Article.Status.DRAFT)
    data = client.get(f"/api/articles/{android.pk}/").json()
    assert data["id"] == android.pk and data["title"] == "비밀번호를 잊어버렸어요"
    assert "<strong>비밀번호 재설정</strong>" in data["body"]
    assert data["platform"] == {"slug": "android", "name": "Android"}
    assert data["platform_variants"] == [
        {"id": ios.pk, "url": ios.get_absolute_url(), "platform": {"slug": "ios", "name": "iOS"}}
    ]
    assert data["published_at"].startswith(str(timezone.localtime(android.published_at).year))


def test_article_api_hides_unpublished_articles_with_a_json_404(client, hidden_articles):
    for article in hidden_articles:
        response = client.get(f"/api/articles/{article.pk}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert article.title not in response.content.decode()
    assert client.get("/api/articles/999999/").status_code == 404


def test_suggest_returns_up_to_eight_public_titles(client, make_article, hidden_articles):
    for n in range(10):
        make_article(f"비밀번호 변경 방법 {n}", view_count=n)
    make_article("채팅방 알림을 끄고 싶어요")
    data = client.get("/api/suggest/", {"q": "비밀번호"}).json()
    assert data["query"] == "비밀번호"
    titles = [s["title"] for s in data["suggestions"]]
    assert titles == [f"비밀번호 변경 방법 {n}" for n in range(9, 1, -1)]
    assert all(s["url"] == f"/articles/{s['id']}/" for s in data["suggestions"])
    assert not set(titles) & {a.title for a in hidden_articles}


def test_suggest_matches_what_is_being_typed(client, make_article):
    make_article("비밀번호를 잊어버렸어요")
    make_article("채팅방 알림을 끄고 싶어요")
    assert [s["title"] for s in client.get("/api/suggest/", {"q": "비밀"}).json()["suggestions"]] == [
        "비밀번호를 잊어버렸어요"
    ]
    assert [s["title"] for s in client.get("/api/suggest/", {"q": "채팅방 알림"}).json()["suggestions"]] == [
        "채팅방 알림을 끄고 싶어요"
    ]


def test_suggest_lists_a_question_once_whatever_its_platform_variants(client, make_article, help_center):
    """Issue 15: the type-ahead for 비밀 listed one question three times, one per platform."""
    for platform in (help_center.android, help_center.ios, help_center.pc):
        make_article("토크톡 잠금 비밀번호를 설정하고 싶어요", platform=platform, question_key="lock-password")
    make_article("결제 비밀번호를 잊어버렸어요")
    titles = [s["title"] for s in client.get("/api/suggest/", {"q": "비밀"}).json()["suggestions"]]
    assert sorted(titles) == ["결제 비밀번호를 잊어버렸어요", "토크톡 잠금 비밀번호를 설정하고 싶어요"]


@pytest.mark.parametrize("q", ["", "   ", "\x00", "<script>alert(1)</script>", "가" * 5000])
def test_suggest_copes_with_empty_and_hostile_input(client, make_article, q):
    make_article("비밀번호를 잊어버렸어요")
    response = client.get("/api/suggest/", {"q": q})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []
    assert "<" not in response.content.decode()


def test_api_is_get_only(client):
    assert client.post("/api/search/", {"q": "비밀번호"}).status_code == 405
    assert client.post("/api/suggest/", {"q": "비밀번호"}).status_code == 405


def test_json_never_contains_raw_angle_brackets(client, make_article):
    make_article("로그인 오류 </script> 해결", body="<p>로그인 오류가 계속되면 앱을 다시 설치해 주세요.</p>")
    for url in ["/api/search/?q=로그인", "/api/suggest/?q=로그인", "/api/search/?sort=<b>"]:
        response = client.get(url)
        assert "<" not in response.content.decode().replace("<mark>", "").replace("</mark>", "")
    data = client.get("/api/suggest/?q=로그인").json()
    assert data["suggestions"][0]["title"] == "로그인 오류 </script> 해결"
