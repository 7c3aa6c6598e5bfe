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


# --- images -----------------------------------------------------------------------------------------------

def png_bytes(size=(800, 450), color=(40, 110, 220)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def served_media(settings, tmp_path):
    """Uploads go to a folder of this test's own and the live server serves them, as in development."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SERVE_MEDIA = True


def console_errors(page) -> list:
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@pytest.mark.usefixtures("served_media")
def test_a_picked_image_is_uploaded_saved_and_shown_on_the_public_page(staff_page, taxonomy):
    article = Article.objects.create(
        title="프로필 사진 바꾸기", body="<p>프로필 화면에서 사진을 누릅니다.</p>", status=Article.Status.PUBLISHED, **taxonomy
    )
    errors = console_errors(staff_page)
    staff_page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    editor = staff_page.locator(".ProseMirror[contenteditable=true]")
    editor.locator("p").last.click()
    staff_page.keyboard.press("End")

    staff_page.get_by_role("button", name="이미지 넣기").click()
    dialog = staff_page.locator("dialog.article-image-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("input[type=file]").set_input_files(
        {"name": "프로필.png", "mimeType": "image/png", "buffer": png_bytes((2400, 1350))}
    )
    dialog.get_by_label("대체 텍스트 (필수)").fill("프로필 화면의 사진 변경 단추")
    dialog.get_by_role("button", name="올려서 넣기").click()

    expect(dialog).to_have_count(0)
    image = editor.locator("img")
    expect(image).to_have_attribute("alt", "프로필 화면의 사진 변경 단추")
    staff_page.click("input[name=_continue]")
    expect(staff_page.locator(".messagelist .success")).to_be_visible()

    article.refresh_from_db()
    src = image.get_attribute("src")
    assert src.startswith("/media/images/") and src.endswith(".png")
    assert f'<img src="{src}" alt="프로필 화면의 사진 변경 단추" width="1600" height="900">' in article.body

    staff_page.goto(article.get_absolute_url())
    shown = staff_page.locator(".article-body img")
    expect(shown).to_have_attribute("src", src)
    shown.scroll_into_view_if_needed()
    staff_page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
    assert shown.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [1600, 900]
    # Tiptap's injected <style> is refused by style-src (see above); images and scripts must never be.
    assert not [text for text in errors if "img-src" in text or "script-src" in text], errors


@pytest.mark.usefixtures("served_media")
def test_pasted_and_dropped_files_ask_for_alt_then_upload_and_bad_files_get_the_servers_message(staff_page, taxonomy):
    article = Article.objects.create(title="알림 끄기", body="<p>설정을 엽니다.</p>", status=Article.Status.DRAFT, **taxonomy)
    staff_page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    editor = staff_page.locator(".ProseMirror[contenteditable=true]")
    editor.locator("p").last.click()
    dialog = staff_page.locator("dialog.article-image-dialog")
    send_file = """([kind, name, type, b64]) => {
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0))
        const transfer = new DataTransfer()
        transfer.items.add(new File([bytes], name, {type}))
        const target = document.querySelector(".ProseMirror[contenteditable=true]")
        const box = target.getBoundingClientRect()
        const event = kind === "paste"
          ? new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true, cancelable: true})
          : new DragEvent("drop", {dataTransfer: transfer, clientX: box.left + 20, clientY: box.bottom - 5, bubbles: true, cancelable: true})
        target.dispatchEvent(event)
    }"""
    import base64

    # A pasted screenshot: the dialog opens with the file chosen and the alt box focused; alt is required.
    staff_page.evaluate(send_file, ["paste", "screenshot.png", "image/png", base64.b64encode(png_bytes()).decode()])
    expect(dialog).to_be_visible()
    expect(dialog.locator(".article-image-chosen")).to_have_text("screenshot.png")
    dialog.get_by_role("button", name="올려서 넣기").click()
    expect(dialog).to_be_visible()  # the browser holds the form: no alt yet
    dialog.get_by_label("대체 텍스트 (필수)").fill("알림 설정 화면")
    dialog.get_by_role("button", name="올려서 넣기").click()
    expect(editor.locator('img[alt="알림 설정 화면"]')).to_have_count(1)

    # A dropped file that is not an image: the server's Korean reason is shown and nothing is inserted.
    fake = base64.b64encode("<p>이미지 아님</p>".encode()).decode()
    staff_page.evaluate(send_file, ["drop", "fake.png", "image/png", fake])
    dialog.get_by_label("대체 텍스트 (필수)").fill("가짜 이미지")
    dialog.get_by_role("button", name="올려서 넣기").click()
    expect(dialog.locator(".article-image-message")).to_contain_text("PNG, JPEG, GIF, WebP 이미지만 올릴 수 있습니다")
    dialog.get_by_role("button", name="취소").click()
    expect(dialog).to_have_count(0)

    # A dropped real image lands in the body too.
    staff_page.evaluate(send_file, ["drop", "second.png", "image/png", base64.b64encode(png_bytes(color=(1, 2, 3))).decode()])
    dialog.get_by_label("대체 텍스트 (필수)").fill("알림 끄기 단추")
    dialog.get_by_role("button", name="올려서 넣기").click()
    expect(editor.locator("img")).to_have_count(2)

    staff_page.click("input[name=_continue]")
    expect(staff_page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.body.count("<img ") == 2 and 'alt="알림 끄기 단추" width="800" height="450"' in article.body


def test_the_toolbar_and_its_dialogs_speak_korean(staff_page, taxonomy):
    article = Article.objects.create(title="링크 안내", body="<p>고객센터 바로가기</p>", status=Article.Status.DRAFT, **taxonomy)
    staff_page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    expect(staff_page.locator(".prose-menubar button[title='굵게']")).to_have_attribute("aria-label", "굵게")
    expect(staff_page.locator(".prose-menubar button[title='표 넣기']")).to_be_visible()
    assert staff_page.locator(".prose-menubar button[title='bold']").count() == 0
    staff_page.locator(".ProseMirror[contenteditable=true] p").first.click()
    staff_page.keyboard.press("Control+a")  # text selected: the link button is enabled
    staff_page.locator(".prose-menubar button[title='링크 넣기']").click()
    expect(staff_page.get_by_text("링크 편집")).to_be_visible()
    expect(staff_page.get_by_role("button", name="적용")).to_be_visible()
