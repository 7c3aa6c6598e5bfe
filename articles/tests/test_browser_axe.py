"""axe-core on every public page type at 1280 and 375 px, and in the states a visitor opens (the
type-ahead list, the phone filter panel, the "아니요" answer). Issue 15 asks for no serious or critical
violation; the public pages have none of any impact (heading order and landmark names included), so
these tests hold them there."""

import re

import pytest

from .axe import EVERY_IMPACT, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db", "fresh_cache", "plain_http_cookies")]

expect = pytest.importorskip("playwright.sync_api").expect

Q = "/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8"  # 비밀번호
BACKUP_BODY = (
    "<p>대화 내용은 기기를 바꾸기 전에 백업해 두세요.</p><h3>백업하는 방법</h3>"
    "<ol><li>설정 &gt; 채팅 &gt; 대화 백업을 누릅니다.</li><li>백업 비밀번호를 입력합니다.</li></ol>"
    "<h4>백업 비밀번호를 잊었다면</h4><p>새로 백업해야 합니다.</p>"
    "<table><thead><tr><th>플랫폼</th><th>메뉴</th></tr></thead><tbody><tr><td>iOS</td><td>설정 &gt; 채팅</td></tr></tbody></table>"
)


@pytest.fixture
def site(help_center, make_article, settings):
    """Pages with every part shown: variants of one question, related articles, popular lists, a support link."""
    settings.SUPPORT_URL = "/contact/"
    for platform in (help_center.android, help_center.ios, help_center.pc):
        make_article("대화 백업 비밀번호를 설정하고 싶어요", body=BACKUP_BODY, platform=platform,
                     question_key="backup-password", category=help_center.chat)
    for n in range(1, 24):
        make_article(f"비밀번호 재설정 안내 {n:02d}", view_count=n)
    make_article("결제 비밀번호를 잊어버렸어요", category=help_center.payment, platform=help_center.pc)
    return help_center


def public_pages(site) -> dict[str, str]:
    from articles.models import Article

    article = Article.objects.get(title="대화 백업 비밀번호를 설정하고 싶어요", platform=site.ios)
    return {
        "home": "/",
        "service": site.talk.get_absolute_url(),
        "category": site.account.get_absolute_url(),
        "search": Q,
        "search, no result": "/search/?q=%ED%99%98%EB%B6%88%EA%B3%84%EC%A2%8C",  # 환불계좌
        "search, filtered": Q + "&platform=ios",
        "search, filters leave none": Q + "&platform=ios&service=%ED%86%A0%ED%81%AC%ED%8E%98%EC%9D%B4",  # 토크페이
        "search, page 2": Q + "&page=2",
        "article": article.get_absolute_url(),
        "404": "/articles/999999/",
    }


@pytest.mark.parametrize("width", [1280, 375])
def test_public_pages_have_no_serious_violations(browser_page, site, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, url in public_pages(site).items():
        page.goto(url)
        found[name] = axe_violations(page, EVERY_IMPACT)

    # An article reached from search: "검색 결과로 돌아가기" and the query marked in the body.
    page.goto(Q + "&platform=ios")
    page.locator(".result-title a").first.click()
    expect(page.get_by_role("link", name="검색 결과로 돌아가기")).to_be_visible()
    expect(page.locator(".article-body mark").first).to_be_visible()
    found["article from search"] = axe_violations(page, EVERY_IMPACT)

    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("width", [1280, 375])
def test_opened_states_have_no_serious_violations(browser_page, site, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    found = {}

    page.goto("/")
    page.locator("#home-search").fill("비밀번호")
    expect(page.locator("#home-search-suggestions [role=option]").first).to_be_visible()
    page.locator("#home-search").press("ArrowDown")
    found["type-ahead open"] = axe_violations(page, EVERY_IMPACT)

    page.goto(Q + "&platform=ios")
    toggle = page.locator(".filter-toggle")
    if toggle.is_visible():  # the phone layout's panel
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("checkbox", name=re.compile("^PC")).check()  # applied at once, <main> swapped in place
    expect(page).to_have_url(re.compile("platform=pc"))
    found["filters after a swap"] = axe_violations(page, EVERY_IMPACT)

    page.goto(public_pages(site)["article"])
    page.get_by_role("button", name="아니요").click()
    expect(page.get_by_role("link", name="문의하기")).to_be_visible()
    found["article after 아니요"] = axe_violations(page, EVERY_IMPACT)

    assert {name: problems for name, problems in found.items() if problems} == {}


def test_the_audit_reports_what_it_finds(browser_page):
    """The helper is no rubber stamp: an unlabelled field and an image without alt are reported."""
    browser_page.set_content('<html lang="ko"><title>시험</title><main><img src="x.png"><input name="q"></main></html>')
    problems = axe_violations(browser_page)
    assert any(line.startswith("image-alt (critical)") for line in problems), problems
    assert any(line.startswith("label (critical)") for line in problems), problems
