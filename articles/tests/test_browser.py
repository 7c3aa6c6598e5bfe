"""The public site driven in real headless Chromium (Playwright) against the live test server."""

import re

import pytest

from articles.counters import fold_counters
from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db", "fresh_cache", "plain_http_cookies")]

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def password_help(help_center, make_article):
    """24 Android 계정/로그인 articles about 비밀번호 (two pages) and 4 elsewhere."""
    for n in range(1, 25):
        make_article(f"비밀번호 재설정 안내 {n:02d}", view_count=n)
    make_article("비밀번호 재설정 안내 iOS", platform=help_center.ios)
    make_article("비밀번호 재설정 안내 PC", platform=help_center.pc)
    make_article("결제 비밀번호를 잊어버렸어요", category=help_center.payment)
    make_article("채팅방 비밀번호 설정하기", category=help_center.chat)
    make_article("채팅방 알림을 끄고 싶어요", body="<p>채팅방 설정에서 알림을 끌 수 있습니다.</p>")


def result_titles(page) -> list[str]:
    return page.locator(".result-title a").all_inner_texts()


def test_search_filter_sort_page_open_and_vote(browser_page, password_help):
    page = browser_page
    page.goto("/")
    expect(page.locator("h1")).to_have_text("무엇을 도와드릴까요?")

    # Type-ahead suggestions while typing, then search.
    box = page.locator("#site-search")
    box.fill("비밀번호")
    expect(page.locator("#site-search-suggestions [role=option]").first).to_be_visible()
    assert page.locator("#site-search-suggestions [role=option]").count() == 8
    box.press("Escape")  # closes the suggestions, keeps the text
    expect(page.locator("#site-search-suggestions")).to_be_hidden()
    expect(box).to_have_value("비밀번호")
    box.press("Enter")
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 28건)")
    assert len(result_titles(page)) == 20

    # Category facet (grouped under 토크톡) and platform facet.
    category = page.get_by_role("checkbox", name="계정/로그인 (26)")
    category.check()  # applies at once (no apply button with JavaScript)
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 26건)")
    page.get_by_role("checkbox", name="Android (24)").check()  # counts follow the other facets
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 24건)")
    assert "category=%EA%B3%84%EC%A0%95-%EB%A1%9C%EA%B7%B8%EC%9D%B8" in page.url and "platform=android" in page.url
    expect(page.locator("input[name=category][value=\"계정-로그인\"]")).to_be_checked()
    expect(page.locator("input[name=platform][value=android]")).to_be_checked()
    expect(page.locator(".result .labels").first).to_have_text("[토크톡][계정/로그인][Android]")

    # Sort by title.
    page.locator("#search-sort").select_option(label="제목순")
    expect(page).to_have_url(re.compile(r"sort=title"))
    expect(page.locator("#search-sort")).to_have_value("title")
    titles = result_titles(page)
    assert titles == [f"비밀번호 재설정 안내 {n:02d}" for n in range(1, 21)]

    # Page forward.
    page.get_by_role("link", name="다음").click()
    expect(page.locator(".pagination [aria-current=page]")).to_have_text("2")
    assert result_titles(page) == [f"비밀번호 재설정 안내 {n:02d}" for n in range(21, 25)]
    assert "sort=title" in page.url and "page=2" in page.url

    # Open a result.
    page.get_by_role("link", name="비밀번호 재설정 안내 22").click()
    expect(page.locator("h1")).to_have_text("비밀번호 재설정 안내 22")
    expect(page.locator(".breadcrumb")).to_contain_text("계정/로그인")
    expect(page.locator(".article-body")).to_contain_text("비밀번호 재설정")
    fold_counters()
    article = Article.objects.get(title="비밀번호 재설정 안내 22")
    assert article.view_count == 22 + 1

    # Vote "도움이 되었나요?" (JavaScript: no reload, thanks shown in place).
    expect(page.get_by_role("heading", name="도움이 되었나요?")).to_be_visible()
    page.get_by_role("button", name="네, 도움이 되었어요").click()
    expect(page.locator(".feedback-thanks")).to_be_visible()
    expect(page.locator(".feedback-form")).to_have_count(0)
    fold_counters()
    article.refresh_from_db()
    assert (article.helpful_count, article.not_helpful_count) == (1, 0)

    # The vote is remembered; a reload neither offers the form again nor counts another view.
    page.reload()
    expect(page.locator(".feedback-thanks")).to_be_visible()
    expect(page.locator(".feedback-form")).to_have_count(0)
    fold_counters()
    article.refresh_from_db()
    assert article.view_count == 23


def test_vote_works_without_javascript(browser_page, live_server, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    context = browser_page.context.browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(article.get_absolute_url())
        page.get_by_role("button", name="아니요").click()
        expect(page.locator(".feedback-thanks")).to_be_visible()
        assert page.url.endswith(f"/articles/{article.pk}/#feedback")
    finally:
        context.close()
    fold_counters()
    article.refresh_from_db()
    assert (article.helpful_count, article.not_helpful_count) == (0, 1)


def test_mobile_375px_is_readable_and_keyboard_usable(browser_page, password_help):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    for url in ["/", "/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8", f"/articles/{Article.objects.first().pk}/"]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 375, f"{url} is {overflow}px wide"

    # The skip link is the first thing the keyboard reaches, and it moves focus to the content.
    page.goto("/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link").first
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    # Filters stack above the results in one column, and the search box fits the screen.
    filters = page.locator("#search-filters").bounding_box()
    results = page.locator(".results").bounding_box()
    assert filters["y"] + filters["height"] <= results["y"] + 1
    # Facets start folded on a phone so the first results are on the first screen; one tap opens them.
    assert results["y"] < 812
    platform_box = page.get_by_role("checkbox", name="iOS", exact=False).first
    expect(platform_box).to_be_hidden()
    page.get_by_role("button", name="필터").click()
    expect(platform_box).to_be_visible()
    box = page.locator("#site-search").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 28건)")
