"""The admin import upload, run as background tasks (the immediate backend runs them inline here):
publishers see the check's counts and first errors on a status page, then confirm; editors get 403;
the uploaded file is removed in every outcome; malformed files end in a clean error, never a 500."""

import json
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.import_jobs import ImportJob, upload_dir
from articles.models import Article, Service
from articles.roles import EDITORS, PUBLISHERS
from articles.tests.factories import staff_client as login

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


def raw_upload(content: bytes, name: str):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def publisher_client(client):
    return login(client, PUBLISHERS)


@pytest.fixture
def editor_client(client):
    return login(client, EDITORS)


def leftover_files() -> list:
    return sorted(path.name for path in upload_dir().iterdir())


@pytest.fixture(autouse=True)
def private_upload_dir(settings, tmp_path):
    """Each test gets an empty upload directory of its own (the real one may hold other uploads)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)


def test_publisher_uploads_sees_check_then_confirms(publisher_client):
    response = publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = publisher_client.get(job.get_absolute_url())
    text = page.content.decode()
    assert "검사 통과" in text
    assert "새로 만듦: 2" in text
    assert "새 서비스: 카카오페이" in text
    assert 'name="confirm"' in text
    assert not Article.objects.exists() and not Service.objects.exists()
    assert job.path.is_file()

    response = publisher_client.post(job.get_absolute_url(), {"confirm": "1"})

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.phase == ImportJob.Phase.DONE and job.created == 2 and job.finished_at
    assert set(Article.objects.values_list("external_id", flat=True)) == {"pay-refund", "pay-password"}
    assert leftover_files() == []
    assert "완료" in publisher_client.get(job.get_absolute_url()).content.decode()


def test_upload_with_bad_records_lists_errors_with_lines_and_offers_no_confirm(publisher_client):
    bad = [RECORDS[0], {**RECORDS[1], "status": "hidden"}, {**RECORDS[0], "external_id": "x", "title": ""}]

    publisher_client.post(URL, {"file": upload(bad), "create_taxonomy": "on"})

    job = ImportJob.objects.get()
    text = publisher_client.get(job.get_absolute_url()).content.decode()
    assert job.phase == ImportJob.Phase.INVALID and job.error_count == 2
    assert "잘못된 레코드가 2건" in text
    assert "2번째 줄" in text and "알 수 없는 상태 &#x27;hidden&#x27;" in text
    assert "3번째 줄" in text and "필수 필드 &#x27;title&#x27;" in text
    assert 'name="confirm"' not in text
    assert not Article.objects.exists()
    assert leftover_files() == []


def test_only_the_first_fifty_errors_are_kept_but_all_are_counted(publisher_client):
    bad = [{**RECORDS[0], "external_id": f"bad-{n}", "status": "hidden"} for n in range(80)]

    publisher_client.post(URL, {"file": upload(bad), "create_taxonomy": "on"})

    job = ImportJob.objects.get()
    assert job.error_count == 80 and len(job.errors) == 50
    assert "처음 50건만" in publisher_client.get(job.get_absolute_url()).content.decode()


def test_upload_without_taxonomy_creation_reports_missing_service(publisher_client):
    publisher_client.post(URL, {"file": upload(RECORDS)})
    job = ImportJob.objects.get()
    assert "서비스 &#x27;카카오페이&#x27;이(가) 없습니다" in publisher_client.get(job.get_absolute_url()).content.decode()
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b'{"title": "\\ud800", "service": "s", "category": "c", "platform": "p", "body": "\\udfff"}\n', "surrogate.jsonl"),
        (b'[{"title": "\\ud83d", "service": "s", "category": "c", "platform": "p", "body": "b"}]', "surrogate.json"),
        (b"service,category,platform,title,body\n\xff\xfe,\xc3,p,t,b\n", "latin1.csv"),
        (b"\x80\x81" * 100, "binary.jsonl"),
        (b"[" * 100_000 + b"]" * 100_000, "deep.json"),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n", "deep.jsonl"),
        (b"hello", "notes.txt"),
    ],
)
def test_malformed_files_end_in_a_clean_error_and_leave_nothing(publisher_client, content, name):
    response = publisher_client.post(URL, {"file": raw_upload(content, name), "create_taxonomy": "on"})

    assert response.status_code == 302
    job = ImportJob.objects.get()
    page = publisher_client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert job.phase in (ImportJob.Phase.INVALID, ImportJob.Phase.FAILED)
    assert 'name="confirm"' not in page.content.decode()
    assert not Article.objects.exists()
    assert leftover_files() == []


def test_an_empty_file_is_refused_by_the_form(publisher_client):
    response = publisher_client.post(URL, {"file": raw_upload(b"", "empty.csv"), "create_taxonomy": "on"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not ImportJob.objects.exists() and leftover_files() == []


def test_cancel_removes_the_checked_upload(publisher_client):
    publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})
    job = ImportJob.objects.get()

    publisher_client.post(job.get_absolute_url(), {"cancel": "1"})

    job.refresh_from_db()
    assert job.phase == ImportJob.Phase.CANCELLED
    assert leftover_files() == []
    publisher_client.post(job.get_absolute_url(), {"confirm": "1"})
    assert not Article.objects.exists()


def test_confirming_twice_writes_once(publisher_client):
    publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})
    job = ImportJob.objects.get()
    publisher_client.post(job.get_absolute_url(), {"confirm": "1"})

    publisher_client.post(job.get_absolute_url(), {"confirm": "1"})

    job.refresh_from_db()
    assert job.phase == ImportJob.Phase.DONE and Article.objects.count() == 2


def test_a_file_changed_between_check_and_confirm_is_checked_again(publisher_client):
    publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})
    job = ImportJob.objects.get()
    job.path.write_bytes(json.dumps({**RECORDS[0], "status": "hidden"}).encode() + b"\n")

    publisher_client.post(job.get_absolute_url(), {"confirm": "1"})

    job.refresh_from_db()
    assert job.phase == ImportJob.Phase.INVALID
    assert not Article.objects.exists() and leftover_files() == []


def test_queued_job_page_shows_progress_and_refreshes(publisher_client, monkeypatch):
    no_worker = SimpleNamespace(enqueue=lambda job_id: None)  # queued, as when no worker has picked it up yet
    monkeypatch.setattr("articles.admin_import.check_import", no_worker)
    publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})
    job = ImportJob.objects.get()
    job.progress_path.write_text(json.dumps({"step": "check", "done": 250, "total": 1000}))

    text = publisher_client.get(job.get_absolute_url()).content.decode()

    assert 'http-equiv="refresh"' in text
    assert 'value="25"' in text
    assert "db_worker" in text


def test_recent_jobs_are_listed_on_the_upload_page(publisher_client):
    publisher_client.post(URL, {"file": upload(RECORDS, name="환불-문서.jsonl"), "create_taxonomy": "on"})
    text = publisher_client.get(URL).content.decode()
    assert "환불-문서.jsonl" in text and ImportJob.objects.get().get_absolute_url() in text


def test_editor_gets_403(editor_client):
    assert editor_client.get(URL).status_code == 403
    assert editor_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"}).status_code == 403
    assert not Article.objects.exists() and not ImportJob.objects.exists()


def test_editor_cannot_open_or_confirm_a_job(publisher_client, client):
    publisher_client.post(URL, {"file": upload(RECORDS), "create_taxonomy": "on"})
    job = ImportJob.objects.get()
    client.logout()
    editor = login(client, EDITORS)
    assert editor.get(job.get_absolute_url()).status_code == 403
    assert editor.post(job.get_absolute_url(), {"confirm": "1"}).status_code == 403
    assert not Article.objects.exists()


def test_import_link_only_for_publishers(publisher_client, client):
    changelist = reverse("admin:articles_article_changelist")
    assert URL in publisher_client.get(changelist).content.decode()
    client.logout()
    editor = login(client, EDITORS)
    page = editor.get(changelist)
    assert page.status_code == 200 and URL not in page.content.decode()
