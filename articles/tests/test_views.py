"""The public pages, through Django's test client."""

import json
import re
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles import response_cache, views
from articles.models import Article
from search import SearchHit, SearchResults

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def text(response) -> str:
    return response.content.decode()


def first_focusable(html: str) -> str:
    body = html.split("<body>", 1)[1]
    return re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)


@pytest.fixture
def password_articles(make_article, help_center):
    """25 published 비밀번호 articles spread over categories and platforms (two result pages)."""
    platforms = [help_center.android, help_center.ios, help_center.pc]
    categories = [help_center.account, help_center.account, help_center.payment]
    articles = []
    for i in range(25):
        articles.append(
            make_article(
                f"비밀번호 변경 안내 {i + 1:02d}",
                category=categories[i % 3],
                platform=platforms[i % 3],
                view_count=i,
                published_at=timezone.now() - timedelta(days=30 - i),
            )
        )
    return articles


# --- every page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "search"])
def test_every_page_has_skip_link_first_lang_canonical_and_description(client, help_center, name):
    html = text(client.get(reverse(f"articles:{name}")))
    assert '<html lang="ko">' in html
    assert first_focusable(html) == '<a class="skip-link" href="#main">'
    assert "본문 바로가기" in html and 'id="main"' in html
    assert re.search(r'<link rel="canonical" href="http[^"]+/[^"]*">', html)
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html)
    assert "토크톡" in html and "토크페이" in html  # the service list
    assert 'role="search"' in html and "site-footer" in html


def test_pages_load_no_external_resources_and_no_inline_script_or_style(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    for url in ["/", "/search/?q=비밀번호", article.get_absolute_url(), article.category.get_absolute_url()]:
        html = text(client.get(url))
        assert not re.search(r'(src|href)="(https?:)?//', html.replace('rel="canonical" href="http', "")), url
        assert " style=" not in html, url
        for script in re.findall(r"<script\b[^>]*>", html):
            assert 'src="/static/' in script or 'type="application/ld+json"' in script, url


# --- home, service, category ----------------------------------------------------------------------


def test_home_lists_popular_and_recent_articles_but_never_hidden_ones(client, make_article, hidden_articles):
    make_article("채팅방 알림을 끄고 싶어요", view_count=500)
    make_article("프로필 사진을 바꾸고 싶어요", view_count=3)
    html = text(client.get("/"))
    popular = html.split("많이 본 도움말", 1)[1].split("최근 수정된 도움말", 1)[0]
    assert popular.index("채팅방 알림을 끄고 싶어요") < popular.index("프로필 사진을 바꾸고 싶어요")
    assert "최근 수정된 도움말" in html
    for hidden in hidden_articles:
        assert hidden.title not in html


def test_service_page_lists_categories_with_public_article_counts(client, help_center, make_article, hidden_articles):
    make_article("로그인이 안 돼요")
    make_article("단체 채팅방을 나가고 싶어요", category=help_center.chat)
    make_article("채팅방 배경을 바꾸고 싶어요", category=help_center.chat)
    html = text(client.get(help_center.talk.get_absolute_url()))
    assert "토크톡 도움말" in html
    # Three hidden 계정/로그인 articles are not counted.
    assert re.search(r"계정/로그인</a> <span class=\"count\">1건</span>", html)
    assert re.search(r"채팅방 이용</a> <span class=\"count\">2건</span>", html)
    assert "결제/환불" not in html.split("<main", 1)[1].split("많이 본 도움말")[0]


def test_inactive_or_unknown_service_and_category_are_404(client, help_center):
    help_center.pay.is_active = False
    help_center.pay.save()
    assert client.get(help_center.pay.get_absolute_url()).status_code == 404
    assert client.get(help_center.payment.get_absolute_url()).status_code == 404
    assert client.get("/services/없는-서비스/").status_code == 404
    assert client.get(f"/services/{help_center.talk.slug}/{help_center.payment.slug}/").status_code == 404


def test_category_page_filters_by_platform_and_sorts(client, help_center, make_article, hidden_articles):
    make_article("카카오 계정으로 로그인하기", platform=help_center.android, view_count=5)
    make_article("가입한 이메일 주소를 잊었어요", platform=help_center.ios, view_count=50)
    make_article("비밀번호를 바꾸고 싶어요", platform=help_center.pc, view_count=1)
    url = help_center.account.get_absolute_url()

    html = text(client.get(url, {"sort": "title"}))
    titles = re.findall(r'<a href="/articles/\d+/">([^<]+)</a>', html)
    assert titles == sorted(titles) and len(titles) == 3
    assert "(총 3건)" in html
    assert re.search(r'value="android"> Android <span class="count">\(1\)', html)

    html = text(client.get(url, {"sort": "popular"}))
    titles = re.findall(r'<a href="/articles/\d+/">([^<]+)</a>', html)
    assert titles[0] == "가입한 이메일 주소를 잊었어요"

    html = text(client.get(url + "?platform=ios&platform=pc&sort=title"))
    titles = re.findall(r'<a href="/articles/\d+/">([^<]+)</a>', html)
    assert titles == ["가입한 이메일 주소를 잊었어요", "비밀번호를 바꾸고 싶어요"]
    assert 'value="ios" checked' in html and 'value="pc" checked' in html and 'value="android" checked' not in html
    for hidden in hidden_articles:
        assert hidden.title not in html


def test_category_page_normalises_bad_parameters(client, help_center, make_article):
    make_article("로그인이 안 돼요")
    response = client.get(help_center.account.get_absolute_url(), {"sort": "<script>", "page": "0", "platform": "없음"})
    assert response.status_code == 200
    assert "로그인이 안 돼요" in text(response)
    assert "<script>" not in text(response)


def test_category_page_paginates(client, help_center, password_articles, monkeypatch):
    monkeypatch.setattr(views, "CATEGORY_PAGE_SIZE", 10)  # 17 articles in 계정/로그인
    response = client.get(help_center.account.get_absolute_url(), {"page": "2"})
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"]) == 7
    assert 'rel="prev"' in text(response)


# --- article page ---------------------------------------------------------------------------------


def test_article_page_shows_breadcrumb_body_date_and_feedback_form(client, help_center, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    html = text(client.get(article.get_absolute_url()))
    crumbs = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("토크톡") < crumbs.index("계정/로그인") < crumbs.index("Android")
    assert "<h1>비밀번호를 잊어버렸어요</h1>" in html
    assert "<strong>비밀번호 재설정</strong>" in html  # sanitised body HTML rendered as HTML
    local = timezone.localtime(article.updated_at)
    assert f"최종 수정일 {local.year}년 {local.month}월 {local.day}일" in html
    assert "도움이 되었나요?" in html and "csrfmiddlewaretoken" in html
    assert f'action="/articles/{article.pk}/feedback/"' in html
    assert re.search(r'<meta name="description" content="비밀번호를 잊으셨다면 로그인 화면에서', html)


def test_article_page_links_public_platform_variants_and_related_articles(client, help_center, make_article):
    android = make_article("비밀번호를 잊어버렸어요", question_key="forgot-password")
    ios = make_article("비밀번호를 잊어버렸어요", question_key="forgot-password", platform=help_center.ios)
    make_article(
        "비밀번호를 잊어버렸어요", question_key="forgot-password", platform=help_center.pc, status=Article.Status.DRAFT
    )
    related = make_article("로그인 기기를 관리하고 싶어요")
    elsewhere = make_article("결제를 취소하고 싶어요", category=help_center.payment)
    html = text(client.get(android.get_absolute_url()))
    variants = html.split("다른 플랫폼 보기", 1)[1].split("</section>", 1)[0]
    assert f'<a href="{ios.get_absolute_url()}">iOS</a>' in variants
    assert "PC" not in variants
    related_html = html.split("관련 도움말", 1)[1]
    assert related.title in related_html
    assert elsewhere.title not in related_html
    assert ios.get_absolute_url() not in related_html  # a platform twin is not "related"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.ARCHIVED},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "archived", "scheduled"],
)
def test_hidden_articles_are_404(client, make_article, fields):
    article = make_article("공개 전 문서", **fields)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "공개 전 문서" not in text(response)


def test_article_page_json_ld_is_escaped_data_block(client, make_article):
    article = make_article("로그인 오류 </script><script>alert(1)</script> 해결")
    html = text(client.get(article.get_absolute_url()))
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    assert "<" not in match.group(1)
    data = json.loads(match.group(1))
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["name"] == article.title
    assert "비밀번호 재설정" in data["mainEntity"][0]["acceptedAnswer"]["text"]
    assert "<script>alert(1)" not in html


def test_view_count_goes_up_once_per_visitor_without_touching_version_or_updated_at(client, make_article):
    from articles.counters import fold_counters

    article = make_article("비밀번호를 잊어버렸어요")
    before = Article.objects.get(pk=article.pk)
    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 200
    fold_counters()
    after = Article.objects.get(pk=article.pk)
    assert after.view_count == before.view_count + 1
    assert after.version == before.version
    assert after.updated_at == before.updated_at

    from django.test import Client

    Client(REMOTE_ADDR="198.51.100.30").get(article.get_absolute_url())  # another visitor
    fold_counters()
    assert Article.objects.get(pk=article.pk).view_count == before.view_count + 2


def test_admin_preview_context_renders_banner_without_feedback_or_json_ld(make_article):
    draft = make_article("아직 쓰는 중인 비밀번호 안내", status=Article.Status.DRAFT)
    request = RequestFactory().get(f"/admin/articles/article/{draft.pk}/preview/")
    html = render_to_string(
        "articles/article_detail.html",
        {"article": draft, "is_preview": True, "variants": [], "related": []},
        request=request,
    )
    assert "미리보기" in html and "preview-banner" in html
    assert "아직 쓰는 중인 비밀번호 안내" in html
    assert "도움이 되었나요?" not in html
    assert "application/ld+json" not in html
    assert 'content="noindex, nofollow"' in html
    assert Article.objects.get(pk=draft.pk).view_count == 0


# --- search page ----------------------------------------------------------------------------------


def test_search_page_has_the_reference_shape(client, help_center, password_articles):
    html = text(client.get("/search/", {"q": "비밀번호"}))
    assert "도움말 검색 결과 (총 25건)" in html
    sort = html.split('id="search-sort"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r">([^<]+)</option>", sort) == ["정확도순", "최신순", "조회순", "제목순"]
    assert "카테고리 선택" in html
    category = html.split("카테고리 선택", 1)[1].split("facet-platform", 1)[0]
    # Categories grouped under their service, each with its count.
    assert category.index("<legend>토크톡</legend>") < category.index("계정/로그인")
    assert category.index("<legend>토크페이</legend>") < category.index("결제/환불")
    assert re.search(r'value="계정-로그인"> 계정/로그인 <span class="count">\(17\)', category)
    assert re.search(r'value="결제-환불"> 결제/환불 <span class="count">\(8\)', category)
    assert re.search(r'name="platform" value="android"> Android <span class="count">\(9\)', html)
    assert re.search(r'name="service" value="토크페이"> 토크페이 <span class="count">\(8\)', html)
    assert "[토크톡][계정/로그인][Android]" in html
    assert len(re.findall(r'<li class="result">', html)) == 20
    assert 'rel="next"' in html


def test_search_page_filters_are_multi_select_and_combine(client, help_center, password_articles):
    response = client.get(
        "/search/?q=비밀번호&platform=android&platform=ios&category=계정-로그인&sort=title"
    )
    html = text(response)
    titles = [h["article"].title for h in response.context["hits"]]
    expected = sorted(
        a.title for a in password_articles
        if a.category == help_center.account and a.platform in (help_center.android, help_center.ios)
    )
    assert titles == expected
    assert f"도움말 검색 결과 (총 {len(expected)}건)" in html
    assert 'value="android" checked' in html and 'value="ios" checked' in html
    assert 'value="계정-로그인" checked' in html
    assert '<option value="title" selected>' in html


def test_search_page_sorts_by_popularity_and_pages_forward(client, password_articles):
    first = client.get("/search/", {"q": "비밀번호", "sort": "popular"})
    assert first.context["hits"][0]["article"].title == "비밀번호 변경 안내 25"
    assert 'href="?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8&amp;sort=popular&amp;page=2" rel="next"' in text(first)
    second = client.get("/search/", {"q": "비밀번호", "sort": "popular", "page": "2"})
    titles = [h["article"].title for h in second.context["hits"]]
    assert titles == [f"비밀번호 변경 안내 {n:02d}" for n in (5, 4, 3, 2, 1)]
    assert '<span aria-current="page">2</span>' in text(second)


def test_search_page_never_shows_hidden_articles_or_counts_them(client, make_article, hidden_articles):
    make_article("비밀번호를 잊어버렸어요")
    html = text(client.get("/search/", {"q": "비밀번호"}))
    assert "도움말 검색 결과 (총 1건)" in html
    for hidden in hidden_articles:
        assert hidden.title not in html
    assert re.search(r'value="android"> Android <span class="count">\(1\)', html)


def test_search_page_renders_engine_highlights_as_html_and_escapes_the_query(client, make_article, monkeypatch):
    article = make_article("비밀번호를 잊어버렸어요")

    def fake_search(query, **kwargs):
        hit = SearchHit(
            article=article,
            title_highlighted="<mark>비밀번호</mark>를 잊어버렸어요",
            snippet="로그인 화면에서 <mark>비밀번호</mark> 재설정을 눌러 주세요",
        )
        return SearchResults(query, [hit], 1, 1, 1, 20, "relevance", {})

    monkeypatch.setattr(views, "search", fake_search)
    monkeypatch.setattr(response_cache, "record_search", lambda request, results, filters=None: None)
    html = text(client.get("/search/", {"q": '비밀번호"><script>alert(1)</script>'}))
    # The link carries the search (URL-encoded) so the article can lead back to these results.
    link = f'<a href="{article.get_absolute_url()}?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E">'
    assert f"{link}<mark>비밀번호</mark>를 잊어버렸어요</a>" in html
    assert '<p class="snippet">로그인 화면에서 <mark>비밀번호</mark> 재설정을 눌러 주세요</p>' in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_search_page_normalises_invalid_parameters(client, password_articles):
    response = client.get("/search/?q=비밀번호&sort=bogus&page=0&page_size=5000&category=없는-카테고리&platform=android")
    assert response.status_code == 200
    assert response.context["results"].sort == "relevance"
    assert response.context["results"].page == 1
    assert "도움말 검색 결과 (총 9건)" in text(response)  # the valid platform filter still applies


def test_search_empty_state_suggests_spelling_and_popular_articles(client, make_article, monkeypatch):
    make_article("채팅방 알림을 끄고 싶어요", view_count=99)
    monkeypatch.setattr(views, "did_you_mean", lambda query: "비밀번호")
    html = text(client.get("/search/", {"q": "빔밀뵨호"}))
    assert "도움말 검색 결과 (총 0건)" in html
    assert "‘빔밀뵨호’에 대한 검색 결과가 없습니다." in html
    assert "맞춤법" in html
    assert "혹시 ‘비밀번호’를 찾으셨나요?" in html  # the particle follows the final syllable
    assert 'href="/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8"' in html
    assert "채팅방 알림을 끄고 싶어요" in html.split("empty-state", 1)[1]


def test_search_empty_state_without_suggestion(client, make_article):
    make_article("채팅방 알림을 끄고 싶어요")
    html = text(client.get("/search/", {"q": "환불계좌해지"}))
    assert "찾으셨나요?" not in html and "맞춤법" in html


def test_search_page_records_the_search_and_links_results_directly_without_a_log_id(
    client, make_article, monkeypatch
):
    article = make_article("비밀번호를 잊어버렸어요")
    calls = []
    monkeypatch.setattr(response_cache, "record_search", lambda request, results, filters=None: calls.append(filters))
    html = text(client.get("/search/", {"q": "비밀번호", "platform": "android"}))
    assert calls and calls[0].platform == ("android",)
    assert f'<h3 class="result-title"><a href="{article.get_absolute_url()}?q=' in html


def test_search_page_links_through_the_click_tracker_when_the_search_was_logged(client, make_article, monkeypatch):
    try:
        click = reverse("insights:click", args=[42, 1, 1])
    except NoReverseMatch:
        pytest.skip("insights click tracking URL is not installed yet")
    article = make_article("비밀번호를 잊어버렸어요")
    monkeypatch.setattr(response_cache, "record_search", lambda request, results, filters=None: 42)
    html = text(client.get("/search/", {"q": "비밀번호"}))
    assert reverse("insights:click", args=[42, article.pk, 1]) in html and click


def test_search_page_is_rate_limited(client, settings, make_article):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_SEARCH = "2/m"
    assert client.get("/search/", {"q": "비밀번호"}).status_code == 200
    assert client.get("/search/", {"q": "비밀번호"}).status_code == 200
    response = client.get("/search/", {"q": "비밀번호"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


# --- sitemap and robots ---------------------------------------------------------------------------


def test_sitemap_lists_public_articles_services_and_categories_only(client, help_center, make_article, hidden_articles):
    article = make_article("비밀번호를 잊어버렸어요")
    xml = text(client.get("/sitemap.xml"))
    assert f"{article.get_absolute_url()}</loc>" in xml
    assert "<lastmod>" in xml
    assert help_center.talk.get_absolute_url().replace("%", "%") in xml or "/services/" in xml
    from urllib.parse import unquote

    decoded = unquote(xml)
    assert "/services/토크톡/</loc>" in decoded
    assert "/services/토크톡/계정-로그인/</loc>" in decoded
    for hidden in hidden_articles:
        assert f"/articles/{hidden.pk}/</loc>" not in xml


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = text(response)
    assert "User-agent: *" in body
    assert re.search(r"^Sitemap: http://testserver/sitemap.xml$", body, re.M)
