"""Shared fixtures for the website, API, feedback and browser tests: a small Korean help center."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article, Category, Platform, Service

PASSWORD_BODY = (
    "<p>비밀번호를 잊으셨다면 로그인 화면에서 <strong>비밀번호 재설정</strong>을 눌러 주세요.</p>"
    "<ol><li>가입할 때 등록한 이메일 주소를 입력합니다.</li><li>메일로 받은 인증번호를 입력합니다.</li>"
    "<li>새 비밀번호를 두 번 입력하면 변경이 끝납니다.</li></ol>"
)


@pytest.fixture
def fresh_cache():
    """Rate-limit counters live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def help_center(db):
    talk = Service.objects.create(name="토크톡", order=1)
    pay = Service.objects.create(name="토크페이", order=2)
    return SimpleNamespace(
        talk=talk,
        pay=pay,
        account=Category.objects.create(service=talk, name="계정/로그인", order=1),
        chat=Category.objects.create(service=talk, name="채팅방 이용", order=2),
        payment=Category.objects.create(service=pay, name="결제/환불", order=1),
        android=Platform.objects.create(name="Android", order=1),
        ios=Platform.objects.create(name="iOS", order=2),
        pc=Platform.objects.create(name="PC", order=3),
    )


@pytest.fixture
def make_article(help_center):
    """Create an article; published a day ago in 토크톡 › 계정/로그인 › Android unless told otherwise."""

    def make(title: str, body: str = PASSWORD_BODY, **fields) -> Article:
        category = fields.pop("category", help_center.account)
        fields.setdefault("platform", help_center.android)
        fields.setdefault("status", Article.Status.PUBLISHED)
        if fields["status"] == Article.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - timedelta(days=1))
        return Article.objects.create(title=title, body=body, category=category, service=category.service, **fields)

    return make


@pytest.fixture
def hidden_articles(make_article):
    """One article of each kind the public must never see, all about 비밀번호."""
    return [
        make_article("비밀번호 초안 문서입니다", status=Article.Status.DRAFT),
        make_article("비밀번호 보관된 예전 안내", status=Article.Status.ARCHIVED),
        make_article(
            "비밀번호 예약 게시 안내", status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=3)
        ),
    ]


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A Playwright page in Debian's headless Chromium, pointed at the live server."""
    # Playwright's sync API runs an event loop; only for this test, so no subprocess inherits it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(base_url=live_server.url, locale="ko-KR")
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def plain_http_cookies(settings):
    """The live server speaks plain HTTP; production's secure-only cookies would never come back."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def staff_page(browser_page):
    """browser_page logged in to the admin at 1280 px as a superuser (transactional_db empties the
    tables the roles migration filled, so a superuser stands in for a publisher)."""
    from django.contrib.auth.models import User
    from django.urls import reverse
    from playwright.sync_api import expect

    User.objects.create_superuser("publisher", password="pw-for-browser-1")
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "publisher")
    page.fill("#id_password", "pw-for-browser-1")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    return page


@pytest.fixture
def taxonomy(db):
    """One service, one of its categories and one platform, as keyword arguments for Article."""
    service = Service.objects.create(name="카카오톡")
    return {
        "service": service,
        "category": Category.objects.create(service=service, name="신고/이용제한/정책"),
        "platform": Platform.objects.create(name="공통"),
    }
