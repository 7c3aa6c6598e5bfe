"""The body editor: what it can produce is what articles.sanitize keeps, and the admin form loads it."""

import pytest
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.editor import EDITOR_EXTENSIONS
from articles.roles import PUBLISHERS
from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html
from articles.tests.factories import staff_client

# One of everything the toolbar makes, as the editor serialises it.
EDITOR_OUTPUT = (
    "<h2>결제 수단 바꾸기</h2><h3>앱에서</h3><h4>참고</h4>"
    "<p><strong>설정</strong>에서 <em>결제 수단</em>을 <u>눌러</u> <s>주세요</s>.<br>바로 바뀝니다.</p>"
    "<ul><li><p>카드</p></li></ul><ol start=\"2\"><li><p>계좌</p></li></ol>"
    "<blockquote><p>주의: 해지하면 되돌릴 수 없습니다.</p></blockquote><hr>"
    '<p><a href="https://help.example.com/pay" rel="noopener noreferrer nofollow">도움말</a></p>'
    '<table><tbody><tr><th colspan="1" rowspan="1"><p>수단</p></th><td colspan="1" rowspan="1"><p>기간</p></td></tr></tbody></table>'
    '<img src="/media/images/2026/11/0123456789abcdef0123456789abcdef.png" alt="결제 수단 화면" width="800" height="450">'
)


def test_every_tag_and_attribute_the_editor_can_produce_is_allowed_by_the_sanitiser():
    allow = allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))
    assert set(allow["tags"]) <= ALLOWED_TAGS
    for tag, attributes in allow.get("attributes", {}).items():
        assert set(attributes) <= ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, tag  # rel is set by the sanitiser


def test_the_editor_offers_nothing_the_sanitiser_would_throw_away():
    assert "class" not in str(allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS)).get("attributes"))


def test_editor_output_survives_the_sanitiser_unchanged():
    assert sanitize_html(EDITOR_OUTPUT) == EDITOR_OUTPUT


@pytest.mark.django_db
def test_admin_form_uses_the_editor_with_a_nonce_for_its_import_map(client, taxonomy):
    staff_client(client, PUBLISHERS)

    response = client.get(reverse("admin:articles_article_add"))

    html = response.content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "django_prose_editor/editor.js" in html
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in html or f'nonce="{nonce}"' in html
    assert "https://" not in html.split("<body")[0].replace("https://www.w3.org", "")  # no CDN in <head>


@pytest.mark.django_db
def test_the_image_extension_is_loaded_from_our_static_files_with_the_upload_address(client, taxonomy):
    staff_client(client, PUBLISHERS)

    html = client.get(reverse("admin:articles_article_add")).content.decode()

    config = html.split("data-django-prose-editor-configurable=\"")[1].split('"')[0].replace("&quot;", '"')
    assert '"ArticleImage":{"uploadUrl":"' + reverse("admin:images_uploadedimage_upload") + '"}' in config
    assert '"js_modules":["/static/admin-staff/editor-images.js"]' in config
