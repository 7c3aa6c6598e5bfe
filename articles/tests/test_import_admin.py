"""The admin import upload: publishers see a dry run with counts and errors, then confirm; editors get 403."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.admin_import import SESSION_KEY, _upload_dir
from articles.models import Article, Service
from articles.roles import EDITORS, PUBLISHERS

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_import")
RECORDS = [
    {
        "external_id": "pay-refund",
        "service": "카카오페이",
        "category": "결제/환불",
        "platform": "공통",
        "title": "결제를 취소하면 언제 환불되나요?",
        "body": "<p>카드 결제는 취소 후 3~5영업일 안에 환불됩니다.</p>",
        "tags": ["환불", "결제 취소"],
    },
    {
        "external_id": "pay-password",
        "service": "카카오페이",
        "category": "계정/보안",
        "platform": "iOS",
        "title": "결제 비밀번호를 바꾸고 싶어요",
        "body": "더보기 > 설정 > 카카오페이 > 비밀번호 변경에서 바꿀 수 있습니다.",
        "status": "draft",
    },
]


def upload(records, name="pay.jsonl"):
    content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def login(client, group):
    user = User.objects.create_user(group, password="pw-not-used", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def publisher_client(client):
    return login(client, PUBLISHERS)


@pytest.fixture
def editor_client(client):
    return login(client, EDITORS)


def test_publisher_uploads_sees_dry_run_then_confirms(publisher_client):
    response = publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})

    assert response.status_code == 200
    text = response.content.decode()
    assert "시험 실행 결과: pay.jsonl" in text
    assert "새로 만듦: 2" in text
    assert "새 서비스: 카카오페이" in text
    assert not Article.objects.exists() and not Service.objects.exists()
    token = publisher_client.session[SESSION_KEY]["token"]
    assert (_upload_dir() / token).is_file()

    response = publisher_client.post(URL, {"confirm": "1", "token": token})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_changelist")
    assert set(Article.objects.values_list("external_id", flat=True)) == {"pay-refund", "pay-password"}
    assert not (_upload_dir() / token).exists()
    assert SESSION_KEY not in publisher_client.session


def test_upload_with_bad_records_lists_every_error_and_offers_no_confirm(publisher_client):
    bad = [RECORDS[0], {**RECORDS[1], "status": "hidden"}, {**RECORDS[0], "external_id": "x", "title": ""}]

    response = publisher_client.post(URL, {"file": upload(bad), "create_taxonomy": "on"})

    text = response.content.decode()
    assert "잘못된 레코드가 2건" in text
    assert "2번째 줄" in text and "알 수 없는 상태 &#x27;hidden&#x27;" in text
    assert "3번째 줄" in text and "필수 필드 &#x27;title&#x27;" in text
    assert 'name="confirm"' not in text
    assert SESSION_KEY not in publisher_client.session
    assert not Article.objects.exists()


def test_upload_without_taxonomy_creation_reports_missing_service(publisher_client):
    response = publisher_client.post(URL, {"file": upload(RECORDS)})
    assert "서비스 &#x27;카카오페이&#x27;이(가) 없습니다" in response.content.decode()
    assert not Service.objects.exists()


def test_confirm_needs_the_token_of_this_session(publisher_client):
    publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})

    response = publisher_client.post(URL, {"confirm": "1", "token": "../../etc/passwd"})

    assert response.status_code == 302 and response["Location"] == URL
    assert not Article.objects.exists()


def test_editor_gets_403(editor_client):
    assert editor_client.get(URL).status_code == 403
    assert editor_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"}).status_code == 403
    assert not Article.objects.exists()


def test_import_link_only_for_publishers(publisher_client, client):
    changelist = reverse("admin:articles_article_changelist")
    assert URL in publisher_client.get(changelist).content.decode()
    client.logout()
    editor = login(client, EDITORS)
    page = editor.get(changelist)
    assert page.status_code == 200 and URL not in page.content.decode()
