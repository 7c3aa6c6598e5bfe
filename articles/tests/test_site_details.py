"""The public site's details, through Django's test client: chips, filter-caused empty results,
particles, one entry per question, production URLs, compression, social tags, error pages, support link."""

import gzip
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from articles.feedback import VOTE_FIELD
from articles.korean import particle, with_particle
from articles.models import Article, Platform
from helpcenter import errors
from helpcenter.tests.test_settings import run_manage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"


def text(response) -> str:
    return response.content.decode()


# --- particles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind", "expected"),
    [
        ("비밀번호", "을/를", "비밀번호를"),  # no final consonant
        ("계정", "을/를", "계정을"),  # final ㅇ
        ("‘비밀번호’", "을/를", "‘비밀번호’를"),  # closing quotes are skipped
        ("카테고리", "이/가", "카테고리가"),
        ("플랫폼", "이/가", "플랫폼이"),
        ("서비스", "은/는", "서비스는"),
        ("결제", "은/는", "결제는"),
        ("알림", "은/는", "알림은"),
        ("메일", "(으)로", "메일로"),  # ㄹ takes 로
        ("카메라", "(으)로", "카메라로"),
        ("설정", "(으)로", "설정으로"),
        ("휴대폰", "(으)로", "휴대폰으로"),
        ("iOS", "이/가", "iOS가"),  # read 아이오에스
        ("Mac", "(으)로", "Mac으로"),  # read 맥
        ("1", "(으)로", "1로"),  # read 일 (ㄹ)
        ("3", "을/를", "3을"),  # read 삼
    ],
)
def test_particles_follow_the_final_syllable(word, kind, expected):
    assert with_particle(word, kind) == expected


def test_a_word_that_cannot_be_read_gets_both_forms_and_unknown_particles_are_refused():
    assert particle("…", "을/를") == "을(를)"
    assert particle("", "(으)로") == "(으)로"
    with pytest.raises(ValueError):
        particle("계정", "에게")


def test_particle_template_filter():
    template = Template('{% load helpcenter %}{{ a }}{{ a|josa:"을/를" }} {{ b }}{{ b|josa:"(으)로" }}')
    assert template.render(Context({"a": "비밀번호", "b": "설정"})) == "비밀번호를 설정으로"


# --- search page: chips, filter count, filter-caused empty results ---------------------------------


@pytest.fixture
def limits(make_article, help_center):
    make_article("이용이 제한되었다는 안내를 받았어요", platform=help_center.ios)
    make_article("이용 제한 해제를 요청하고 싶어요", platform=help_center.android)
    make_article("결제 한도 제한이 궁금해요", category=help_center.payment, platform=help_center.pc)


def test_applied_filters_are_chips_that_each_remove_one_value(client, limits, help_center):
    html = text(client.get("/search/", {"q": "제한", "platform": ["ios", "android"], "sort": "newest", "page": "2"}))
    chips = html.split('class="chips"', 1)[1].split("</ul>", 1)[0]
    # Removing iOS keeps Android, the query and the sort, and starts again at page 1.
    assert '<a class="chip" href="?q=%EC%A0%9C%ED%95%9C&amp;platform=android&amp;sort=newest" data-swap' in chips
    assert 'aria-label="iOS 필터 해제">iOS <span aria-hidden="true">×</span></a>' in chips
    assert '<a class="chip-clear" href="?q=%EC%A0%9C%ED%95%9C&amp;sort=newest" data-swap>모두 지우기</a>' in chips
    assert ">필터 (2)</button>" in html


def test_no_chips_and_a_plain_filter_button_without_filters(client, limits):
    html = text(client.get("/search/", {"q": "제한"}))
    assert 'class="chips"' not in html
    assert ">필터</button>" in html
    assert '<button type="submit" class="apply">검색 조건 적용</button>' in html  # works without JavaScript


def test_zero_results_caused_by_filters_say_so_and_offer_to_remove_them(client, limits):
    html = text(client.get("/search/", {"q": "제한", "platform": "pc", "category": "계정-로그인"}))
    assert "도움말 검색 결과 (총 0건)" in html
    assert "선택한 필터에 맞는 결과가 없습니다." in html
    assert '<a href="?q=%EC%A0%9C%ED%95%9C" data-swap>필터를 해제하면 3건이 있습니다.</a>' in html
    assert "검색 결과가 없습니다" not in html
    # No apply button on an empty result, and no filter group without values.
    assert "검색 조건 적용" not in html
    assert not re.search(r"<legend>[^<]*</legend>\s*</fieldset>", html)
    assert "선택할 수 있는 카테고리가 없습니다" not in html


def test_zero_results_without_filters_keep_the_plain_message(client, limits):
    html = text(client.get("/search/", {"q": "주차장위치"}))
    assert "‘주차장위치’에 대한 검색 결과가 없습니다." in html
    assert "필터를 해제하면" not in html
    assert "검색 조건 적용" not in html


def test_search_page_offers_a_skip_link_to_the_results(client, limits):
    html = text(client.get("/search/", {"q": "제한"}))
    assert '<a class="skip-link" href="#results">결과로 건너뛰기</a>' in html
    assert '<section id="results" class="results"' in html
    assert html.index('href="#results"') < html.index('id="site-search"')


# --- article from search: back link, canonical, title with platform ---------------------------------


def test_article_from_search_links_back_and_keeps_its_canonical_clean(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    html = text(client.get(article.get_absolute_url(), {"q": "비밀번호", "platform": "android", "utm_source": "x"}))
    assert '<a href="/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8&amp;platform=android">검색 결과로 돌아가기</a>' in html
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
    assert 'data-highlight-query' in html
    plain = text(client.get(article.get_absolute_url()))
    assert "검색 결과로 돌아가기" not in plain and "data-highlight-query" not in plain


def test_click_link_forwards_the_search_to_the_article(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    response = client.get(f"/insights/click/999/{article.pk}/1/", {"q": "비밀번호", "sort": "newest", "evil": "x"})
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8&sort=newest"


def test_article_breadcrumb_starts_at_home(client, make_article):
    html = text(client.get(make_article("비밀번호를 잊어버렸어요").get_absolute_url()))
    crumbs = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'<li><a href="/">홈</a></li>\s*<li><a href="/services/', crumbs)


def test_title_names_the_platform_when_the_question_has_variants(client, make_article, help_center):
    ios = make_article("잠금 비밀번호를 설정하고 싶어요", platform=help_center.ios, question_key="lock")
    make_article("잠금 비밀번호를 설정하고 싶어요", platform=help_center.android, question_key="lock")
    alone = make_article("채팅방 알림을 끄고 싶어요")
    assert "<title>잠금 비밀번호를 설정하고 싶어요 (iOS) · 고객센터</title>" in text(client.get(ios.get_absolute_url()))
    assert "<title>채팅방 알림을 끄고 싶어요 · 고객센터</title>" in text(client.get(alone.get_absolute_url()))


# --- one entry per question, the visitor's variant ---------------------------------------------------


@pytest.fixture
def lock_question(make_article, help_center):
    """One question on four platforms; the Android variant is by far the most viewed."""
    common = Platform.objects.create(name="공통", order=0)
    mac = Platform.objects.create(name="Mac", order=4)
    variants = {
        "android": make_article("잠금 비밀번호를 설정하고 싶어요", platform=help_center.android, question_key="lock", view_count=900),
        "ios": make_article("잠금 비밀번호를 설정하고 싶어요", platform=help_center.ios, question_key="lock", view_count=5),
        "공통": make_article("잠금 비밀번호를 설정하고 싶어요", platform=common, question_key="lock", view_count=4),
        "mac": make_article("잠금 비밀번호를 설정하고 싶어요", platform=mac, question_key="lock", view_count=3),
    }
    make_article("채팅방 알림을 끄고 싶어요", view_count=100)
    return variants


def popular_links(html: str) -> list[str]:
    section = html.split("많이 본 도움말", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="(/articles/\d+/)">', section)


@pytest.mark.parametrize(
    ("agent", "platform"), [(IPHONE, "ios"), (ANDROID, "android"), (WINDOWS, "공통"), ("", "공통")]
)
def test_home_lists_each_question_once_as_the_visitors_variant(client, lock_question, agent, platform):
    response = client.get("/", HTTP_USER_AGENT=agent)
    links = popular_links(text(response))
    assert links[0] == lock_question[platform].get_absolute_url()
    assert len(links) == 2  # the question once, plus the other article
    assert "User-Agent" in response["Vary"]


def test_service_page_and_related_list_show_one_variant_per_question(client, lock_question, make_article):
    links = popular_links(text(client.get("/services/토크톡/", HTTP_USER_AGENT=IPHONE)))
    assert links[0] == lock_question["ios"].get_absolute_url() and len(links) == 2
    other = make_article("프로필 사진을 바꾸고 싶어요")
    html = text(client.get(other.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4)"))
    related = html.split("관련 도움말", 1)[1]
    assert related.count("잠금 비밀번호를 설정하고 싶어요") == 1
    assert f'href="{lock_question["mac"].get_absolute_url()}"' in related


def result_ids(html: str) -> list[int]:
    """The article each result title links to (directly, or through the search log's click link)."""
    links = re.findall(r'<h3 class="result-title"><a href="([^"]*)"', html)
    return [int(re.search(r"/(?:articles|click/\d+)/(\d+)/", link).group(1)) for link in links]


@pytest.mark.parametrize(("agent", "platform"), [(IPHONE, "ios"), (ANDROID, "android"), ("", "공통")])
def test_search_lists_each_question_once_as_the_visitors_variant(client, lock_question, agent, platform):
    response = client.get("/search/", {"q": "잠금"}, HTTP_USER_AGENT=agent)
    html = text(response)
    results = result_ids(html)
    assert results == [lock_question[platform].pk]
    assert "총 1건" in html.replace("<strong>", "").replace("</strong>", "")
    links = html.split('class="platform-links"', 1)[1].split("</p>", 1)[0]
    for variant in lock_question.values():
        assert variant.get_absolute_url() in links
    assert re.search(r'aria-current="true">[^<]*</a>', links).group(0).startswith('aria-current="true">')
    assert "User-Agent" in response["Vary"]


def test_a_platform_filter_lists_only_its_variant(client, lock_question):
    html = text(client.get("/search/", {"q": "잠금", "platform": "ios"}, HTTP_USER_AGENT=ANDROID))
    assert result_ids(html) == [lock_question["ios"].pk]


def test_search_api_counts_questions_and_names_the_variants(client, lock_question):
    response = client.get("/api/search/", {"q": "잠금"}, HTTP_USER_AGENT=IPHONE)
    data = response.json()
    assert data["count"] == 1 and len(data["results"]) == 1
    row = data["results"][0]
    assert row["id"] == lock_question["ios"].pk
    assert {v["id"] for v in row["variants"]} == {a.pk for a in lock_question.values()}
    platform_counts = {v["slug"]: v["count"] for v in data["facets"]["platform"]}
    assert platform_counts["ios"] == platform_counts["android"] == 1
    assert "User-Agent" in response["Vary"]


def test_type_ahead_suggests_the_visitors_variant_once(client, lock_question):
    data = client.get("/api/suggest/", {"q": "잠금"}, HTTP_USER_AGENT=IPHONE).json()
    assert [s["id"] for s in data["suggestions"]] == [lock_question["ios"].pk]


# --- production URLs, compression, social tags -------------------------------------------------------


def test_canonical_sitemap_and_robots_follow_the_request_host_when_site_url_is_unset(client, settings, make_article):
    settings.SITE_URL = ""
    article = make_article("비밀번호를 잊어버렸어요")
    html = text(client.get(article.get_absolute_url(), HTTP_HOST="localhost"))
    assert f'<link rel="canonical" href="http://localhost{article.get_absolute_url()}">' in html
    assert f'<meta property="og:url" content="http://localhost{article.get_absolute_url()}">' in html
    assert "Sitemap: http://testserver/sitemap.xml" in text(client.get("/robots.txt"))
    assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in text(client.get("/sitemap.xml"))
    # A host outside ALLOWED_HOSTS is refused, never echoed into links.
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_canonical_sitemap_robots_and_og_use_site_url_when_set(client, settings, make_article):
    settings.SITE_URL = "https://help.example.com"
    article = make_article("비밀번호를 잊어버렸어요")
    html = text(client.get(article.get_absolute_url()))
    assert f'<link rel="canonical" href="https://help.example.com{article.get_absolute_url()}">' in html
    assert f'<meta property="og:url" content="https://help.example.com{article.get_absolute_url()}">' in html
    assert "Sitemap: https://help.example.com/sitemap.xml" in text(client.get("/robots.txt"))
    sitemap = text(client.get("/sitemap.xml"))
    assert f"<loc>https://help.example.com{article.get_absolute_url()}</loc>" in sitemap
    assert "testserver" not in sitemap


def test_production_refuses_a_site_url_on_this_machine():
    result = run_manage(
        "check", DEBUG="0", SECRET_KEY="prod-like-" + "k7Qz!x9@Lm#2" * 5, ALLOWED_HOSTS="help.example.com",
        SITE_URL="http://127.0.0.1:8000",
    )
    assert result.returncode != 0 and "SITE_URL points at this machine" in result.stderr


def test_article_and_home_carry_open_graph_and_twitter_tags(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    html = text(client.get(article.get_absolute_url()))
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="비밀번호를 잊어버렸어요">' in html
    assert '<meta property="og:site_name" content="도움말 센터">' in html
    assert re.search(r'<meta property="og:description" content="비밀번호를 잊으셨다면[^"]+">', html)
    assert '<meta name="twitter:card" content="summary">' in html
    home = text(client.get("/"))
    assert '<meta property="og:type" content="website">' in home
    assert '<meta property="og:url" content="http://testserver/">' in home
    assert '<meta name="twitter:title" content="도움말 센터">' in home


def test_html_is_gzipped_and_the_csrf_token_differs_in_every_response(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    first = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    second = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip" and "Accept-Encoding" in first["Vary"]
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', gzip.decompress(r.content).decode()).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]  # masked anew: BREACH cannot learn it by compression length
    assert client.get("/search/", {"q": "비밀번호"}, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"


# --- error pages and the support link ---------------------------------------------------------------


def test_404_page_offers_search_and_popular_articles(client, make_article):
    make_article("채팅방 알림을 끄고 싶어요", view_count=50)
    response = client.get("/services/없는-서비스/")
    html = text(response)
    assert response.status_code == 404
    assert '<form class="hero-search" role="search" action="/search/" method="get">' in html
    assert "채팅방 알림을 끄고 싶어요" in html.split("많이 본 도움말", 1)[1]


def test_503_page_offers_search_without_touching_the_database(django_assert_num_queries):
    request = RequestFactory().get("/services/토크톡/")
    with django_assert_num_queries(0):
        response = errors.service_unavailable(request)
    html = response.content.decode()
    assert response.status_code == 503
    assert 'action="/search/"' in html and "많이 본 도움말" not in html


def test_support_link_on_empty_results_and_after_a_no_vote(client, settings, make_article):
    settings.SUPPORT_URL = "https://support.example.com/ask"
    settings.SUPPORT_LABEL = "1:1 문의하기"
    article = make_article("비밀번호를 잊어버렸어요")
    empty = text(client.get("/search/", {"q": "주차장위치"}))
    assert '<a href="https://support.example.com/ask">1:1 문의하기</a>' in empty
    html = text(client.get(article.get_absolute_url()))
    assert re.search(r'<p class="feedback-support" hidden>[^<]*<a href="https://support.example.com/ask">', html)
    # A vote carries the proof from the form this visitor was shown.
    proof = re.search(rf'name="{VOTE_FIELD}" value="([^"]+)"', html).group(1)
    client.post(f"/articles/{article.pk}/feedback/", {"helpful": "no", VOTE_FIELD: proof})
    html = text(client.get(article.get_absolute_url()))
    assert re.search(r'<p class="feedback-support">[^<]*<a href="https://support.example.com/ask">', html)


def test_support_link_is_hidden_when_unset(client, settings, make_article):
    settings.SUPPORT_URL = ""
    article = make_article("비밀번호를 잊어버렸어요")
    assert "문의하기" not in text(client.get("/search/", {"q": "주차장위치"}))
    assert "feedback-support" not in text(client.get(article.get_absolute_url()))


def test_unpublished_variants_never_appear_in_lists(client, lock_question):
    Article.objects.filter(pk=lock_question["ios"].pk).update(status=Article.Status.DRAFT)
    links = popular_links(text(client.get("/", HTTP_USER_AGENT=IPHONE)))
    assert lock_question["ios"].get_absolute_url() not in links
    assert links[0] == lock_question["공통"].get_absolute_url()


def test_admin_validation_message_chooses_its_particle(help_center):
    from django.core.exceptions import ValidationError

    article = Article(service=help_center.pay, category=help_center.account, platform=help_center.android, title="t")
    with pytest.raises(ValidationError) as caught:
        article.clean()
    assert caught.value.message_dict["category"] == ["카테고리 '계정/로그인'은 서비스 '토크페이'에 속하지 않습니다."]
