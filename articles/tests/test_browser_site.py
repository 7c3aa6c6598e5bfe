"""How the public site feels in headless Chromium at 1280 and 375 px: instant filters, Back/Forward,
chips, the phone filter panel, layout stability, type-ahead keys, the focus ring and skip links."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db", "fresh_cache")]

expect = pytest.importorskip("playwright.sync_api").expect

Q = "/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8"  # 비밀번호

# Sums layout shifts not caused by input, from the start of the page (CLS as Lighthouse counts it).
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { if (!e.hadRecentInput) window.__cls += e.value; });
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def password_help(help_center, make_article):
    for n in range(1, 20):
        make_article(f"비밀번호 재설정 안내 {n:02d}", view_count=n)
    make_article("비밀번호 재설정 안내 iOS", platform=help_center.ios, view_count=50)
    make_article("결제 비밀번호를 잊어버렸어요", category=help_center.payment, platform=help_center.pc)
    make_article("채팅방 비밀번호 설정하기", category=help_center.chat)


def rgb(value: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", value)[:3])


def contrast(a: str, b: str) -> float:
    def luminance(color):
        channels = [c / 255 for c in rgb(color)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


BACKGROUND_OF = """el => {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
  }
  return "rgb(255, 255, 255)";
}"""


def test_filters_apply_at_once_and_back_forward_show_the_urls_state(browser_page, password_help):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(Q)
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 22건)")
    expect(page.get_by_role("button", name="검색 조건 적용")).to_be_hidden()  # JavaScript applies at once

    page.get_by_role("checkbox", name="iOS (1)").check()
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 1건)")
    expect(page).to_have_url(re.compile(r"platform=ios"))
    expect(page.get_by_role("link", name="iOS 필터 해제")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).to_be_focused()  # focus stays put

    page.locator("#search-sort").select_option("newest")
    expect(page).to_have_url(re.compile(r"platform=ios.*sort=newest|sort=newest.*platform=ios"))

    page.go_back()  # ?q=비밀번호&platform=ios, relevance
    expect(page).not_to_have_url(re.compile("sort=newest"))
    expect(page.locator("#search-sort")).to_have_value("relevance")
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).to_be_checked()
    page.go_back()  # ?q=비밀번호
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 22건)")
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).not_to_be_checked()
    expect(page.locator(".chips")).to_have_count(0)
    page.go_forward()
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).to_be_checked()
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 1건)")

    # Away to an article and back: the form shows the URL's state, not what the browser kept.
    page.get_by_role("link", name="비밀번호 재설정 안내 iOS").click()
    expect(page.get_by_role("link", name="검색 결과로 돌아가기")).to_be_visible()
    expect(page.locator(".article-body mark").first).to_have_text("비밀번호")  # the query, marked
    page.go_back()
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).to_be_checked()

    # Removing the chip updates the results at once too.
    page.get_by_role("link", name="iOS 필터 해제").click()
    expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 22건)")
    expect(page).not_to_have_url(re.compile("platform="))
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).not_to_be_checked()


def test_without_javascript_the_apply_button_applies(browser_page, live_server, password_help):
    context = browser_page.context.browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(Q)
        page.get_by_role("checkbox", name="iOS (1)").check()
        page.get_by_role("button", name="검색 조건 적용").click()
        expect(page.locator("h1")).to_have_text("도움말 검색 결과 (총 1건)")
        expect(page.get_by_role("link", name="iOS 필터 해제")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("url", [Q + "&platform=ios", Q + "&platform=ios&category=%EA%B3%84%EC%A0%95-%EB%A1%9C%EA%B7%B8%EC%9D%B8"])
def test_phone_shows_the_first_result_on_the_first_screen_without_layout_shift(browser_page, password_help, url):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.add_init_script(CLS_OBSERVER)
    page.goto(url)
    page.wait_for_load_state("load")
    applied = url.count("&")  # one "&" before each filter
    toggle = page.get_by_role("button", name=f"필터 ({applied})")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).to_be_hidden()
    first = page.locator(".result-title").first.bounding_box()
    assert first["y"] + first["height"] <= 812, first
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cls") < 0.02

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("checkbox", name=re.compile("^iOS"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_empty_result_on_a_phone_is_stable(browser_page, password_help):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.add_init_script(CLS_OBSERVER)
    page.goto("/search/?q=%ED%99%98%EB%B6%88%EA%B3%84%EC%A2%8C")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cls") < 0.02


@pytest.mark.parametrize("width", [1280, 375])
def test_type_ahead_keys_marks_announcement_and_ime_guard(browser_page, password_help, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 812})
    page.goto("/")
    box = page.locator("#home-search")  # the home page's big box has it too
    box.fill("비밀번호 재설정")
    options = page.locator("#home-search-suggestions [role=option]")
    expect(options.first).to_be_visible()
    count = options.count()
    assert count == 8
    expect(page.locator("#home-search").locator("xpath=..").locator(".suggest-status")).to_have_text(re.compile("^8개의 추천 도움말"))
    expect(options.first.locator("mark")).to_have_text(["비밀번호", "재설정"])

    selected = page.locator("#home-search-suggestions [aria-selected=true]")
    box.press("ArrowUp")  # from the box: the last option
    expect(selected).to_have_attribute("id", f"home-search-suggestions-{count - 1}")
    box.press("ArrowDown")  # wraps to the first
    expect(selected).to_have_attribute("id", "home-search-suggestions-0")
    expect(box).to_have_attribute("aria-activedescendant", "home-search-suggestions-0")
    active_bg = options.first.evaluate("el => getComputedStyle(el).backgroundColor")
    list_bg = page.locator("#home-search-suggestions").evaluate("el => getComputedStyle(el).backgroundColor")
    assert contrast(active_bg, list_bg) >= 3

    # While a Korean IME composes, the keys are the IME's.
    for init in ("{key: 'ArrowDown', isComposing: true, bubbles: true}", "{key: 'ArrowDown', keyCode: 229, bubbles: true}"):
        box.evaluate(f"el => el.dispatchEvent(new KeyboardEvent('keydown', {init}))")
    expect(selected).to_have_attribute("id", "home-search-suggestions-0")

    box.press("End")  # back to the text box
    expect(selected).to_have_count(0)
    assert box.get_attribute("aria-activedescendant") is None
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(selected).to_have_attribute("id", "home-search-suggestions-1")
    box.press("Home")
    expect(selected).to_have_count(0)
    box.press("Escape")
    expect(page.locator("#home-search-suggestions")).to_be_hidden()
    expect(box).to_have_value("비밀번호 재설정")
    box.press("ArrowDown")  # reopens on the first option; Enter opens it
    box.press("Enter")
    expect(page.locator("h1")).to_have_text(re.compile("^비밀번호 재설정 안내"))


def test_skip_to_results_and_a_visible_focus_ring(browser_page, password_help):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(Q)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="결과로 건너뛰기")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(".result-title a").first).to_be_focused()  # 3 Tabs and Enter, not 29 Tabs

    # The ring is at least 3:1 against whatever it is drawn on.
    for target in [".result-title a", "#site-search", ".site-footer a", ".pagination a", "#search-sort"]:
        element = page.locator(target).first
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focused by keyboard, so :focus-visible applies
        style = element.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor]")
        assert style[0] == "solid", target
        assert contrast(style[1], element.evaluate(BACKGROUND_OF)) >= 3, target
