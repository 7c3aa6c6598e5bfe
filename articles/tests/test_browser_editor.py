"""The admin body editor in real headless Chromium at 1280 px: it loads under our CSP, formats
text, saves through the sanitiser, and an existing body saved without edits stays the same."""

import pytest
from django.urls import reverse

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db", "fresh_cache", "plain_http_cookies")]

expect = pytest.importorskip("playwright.sync_api").expect

EXISTING_BODY = (
    "<h3>탈퇴 전에 확인하세요</h3><p>탈퇴하면 <strong>모든 대화내용</strong>이 삭제됩니다.</p>"
    "<ol><li>설정을 엽니다.</li><li>계정을 누릅니다.</li></ol>"
)


def test_editor_formats_and_saves_under_csp(staff_page, taxonomy):
    article = Article.objects.create(title="카카오톡 탈퇴 방법", body=EXISTING_BODY, status=Article.Status.DRAFT, **taxonomy)
    errors = []
    staff_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    staff_page.goto(reverse("admin:articles_article_change", args=[article.pk]))

    editor = staff_page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    expect(editor.locator("h3")).to_have_text("탈퇴 전에 확인하세요")
    editor.locator("p").last.click()
    staff_page.keyboard.press("End")
    staff_page.keyboard.press("Enter")
    staff_page.keyboard.press("Control+b")
    staff_page.keyboard.type("백업을 먼저 하세요")
    staff_page.click("input[name=_continue]")

    expect(staff_page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert "<strong>백업을 먼저 하세요</strong>" in article.body
    # Scripts must all run under script-src 'self' + nonce. Tiptap's injected base <style> is refused by
    # style-src 'self' (the package's editor.css carries the same rules), so style reports are allowed.
    assert not [text for text in errors if "script-src" in text or "Refused to execute" in text], errors


def test_an_existing_body_saved_without_edits_is_unchanged(staff_page, taxonomy):
    article = Article.objects.create(title="채팅방 나가기", body=EXISTING_BODY, status=Article.Status.DRAFT, **taxonomy)
    staff_page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    expect(staff_page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()

    staff_page.click("input[name=_continue]")

    expect(staff_page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.body == EXISTING_BODY
