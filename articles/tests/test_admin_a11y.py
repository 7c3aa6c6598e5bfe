"""Our own admin pages pass the critical axe-core rules (articles/tests/a11y.py): labels on every
control — including the split publish date/time inputs — button names and image alt text."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.import_jobs import ImportJob
from articles.models import Article
from articles.roles import PUBLISHERS
from articles.tests.factories import staff_client

from .a11y import critical_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_client(client):
    return staff_client(client, PUBLISHERS)


@pytest.fixture
def article(taxonomy, publisher_client):
    article = Article.objects.create(
        title="카카오톡 탈퇴하면 대화내용은 어떻게 되나요?", body="<p>탈퇴하면 대화내용이 삭제됩니다.</p>",
        status=Article.Status.DRAFT, **taxonomy,
    )
    data = {
        "service": article.service_id, "category": article.category_id, "platform": article.platform_id,
        "title": article.title, "body": "<p>탈퇴하면 모든 대화내용이 삭제됩니다.</p>", "tags": "탈퇴",
        "status": "draft", "published_at_0": "", "published_at_1": "", "question_key": "",
        "external_id": article.external_id, "loaded_version": article.version,
    }
    publisher_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    return article


def test_the_fixed_audit_finds_an_unlabelled_input():
    html = '<html lang="ko"><title>t</title><input name="published_at_1"><img src="x.png"><button></button></html>'
    assert len(critical_problems(html)) == 3


def test_publish_date_and_time_inputs_are_labelled(publisher_client, article):
    html = publisher_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'aria-label="게시 날짜"' in html and 'aria-label="게시 시각"' in html
    assert critical_problems(html) == []


def test_add_form_and_article_list(publisher_client, article):
    for url in (reverse("admin:articles_article_add"), reverse("admin:articles_article_changelist")):
        assert critical_problems(publisher_client.get(url).content.decode()) == [], url


def test_import_pages(publisher_client, taxonomy, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)  # uploads stay in this test's own directory
    url = reverse("admin:articles_article_import")
    assert critical_problems(publisher_client.get(url).content.decode()) == []
    record = {"service": "카카오톡", "category": "계정", "platform": "공통", "title": "탈퇴 방법", "body": "설정에서"}
    upload = SimpleUploadedFile("a.jsonl", json.dumps(record, ensure_ascii=False).encode() + b"\n")
    publisher_client.post(url, {"file": upload, "create_taxonomy": "on"})
    job = ImportJob.objects.get()
    assert critical_problems(publisher_client.get(job.get_absolute_url()).content.decode()) == []


def test_history_and_revision_pages(publisher_client, article):
    history = publisher_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert critical_problems(history.content.decode()) == []
    from reversion.models import Version

    version = Version.objects.get_for_object(article).first()
    page = publisher_client.get(reverse("admin:articles_article_revision", args=[article.pk, version.pk]))
    assert critical_problems(page.content.decode()) == []


def test_search_report(publisher_client):
    page = publisher_client.get(reverse("admin:insights_searchlog_report"))
    assert critical_problems(page.content.decode()) == []
