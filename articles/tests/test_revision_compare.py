"""Comparing two saved versions of an article: title words, body blocks and fields, older → newer."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Category
from articles.revision_diff import body_blocks, compare_versions
from articles.roles import EDITORS, PUBLISHERS
from articles.tests.factories import staff_client

from .a11y import critical_problems

pytestmark = pytest.mark.django_db

FIRST_BODY = "<h2>탈퇴 전 확인</h2><p>탈퇴하면 모든 대화내용이 삭제됩니다.</p><ol><li>설정을 엽니다.</li><li>계정을 누릅니다.</li></ol>"
SECOND_BODY = "<h2>탈퇴 전 확인</h2><p>탈퇴하면 모든 대화내용이 14일 뒤 삭제됩니다.</p><ol><li>설정을 엽니다.</li></ol><p>백업을 먼저 하세요.</p>"


def form_data(article, **overrides):
    return {
        "service": article.service_id, "category": article.category_id, "platform": article.platform_id,
        "title": article.title, "body": article.body, "tags": article.tags, "status": article.status,
        "published_at_0": "", "published_at_1": "", "question_key": article.question_key,
        "external_id": article.external_id, "loaded_version": article.version, **overrides,
    }


@pytest.fixture
def edited(client, taxonomy):
    """An article saved twice in the admin: title, body, tags and category changed."""
    publisher = staff_client(client, PUBLISHERS)
    article = Article.objects.create(title="카카오톡 탈퇴 방법", body=FIRST_BODY, status=Article.Status.DRAFT, **taxonomy)
    url = reverse("admin:articles_article_change", args=[article.pk])
    publisher.post(url, form_data(article, tags="탈퇴"))
    article.refresh_from_db()
    other = Category.objects.create(service=taxonomy["service"], name="계정/보안")
    publisher.post(url, form_data(article, title="카카오톡 탈퇴하는 방법", body=SECOND_BODY, tags="탈퇴, 백업", category=other.pk))
    versions = list(Version.objects.get_for_object(article).order_by("pk"))
    assert len(versions) == 2
    return publisher, article, versions


def compare_url(article, old, new):
    return reverse("admin:articles_article_compare", args=[article.pk]) + f"?old={old.pk}&new={new.pk}"


def test_compare_shows_changed_title_words_fields_and_body_blocks(edited):
    publisher, article, (first, second) = edited

    response = publisher.get(compare_url(article, first, second))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>탈퇴</del>" in html and "<ins>탈퇴하는</ins>" in html  # title, word level
    assert "신고/이용제한/정책" in html and "계정/보안" in html  # category by name
    assert "<ins>탈퇴, 백업</ins>" in html
    assert "<ins>14일 뒤 </ins>" in html  # a changed paragraph shows the added words
    assert '<tr class="diff-removed">' in html and "계정을 누릅니다." in html
    assert '<tr class="diff-added">' in html and "백업을 먼저 하세요." in html
    assert critical_problems(html) == []


def test_versions_given_newest_first_are_shown_older_first(edited):
    publisher, article, (first, second) = edited
    html = publisher.get(compare_url(article, second, first)).content.decode()
    assert "<del>탈퇴</del>" in html and "<ins>탈퇴하는</ins>" in html


def test_history_page_offers_the_two_latest_versions_preselected(edited):
    publisher, article, (first, second) = edited
    html = publisher.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert f'name="old" value="{first.pk}" id="old-{first.pk}" checked' in html
    assert f'name="new" value="{second.pk}" id="new-{second.pk}" checked' in html
    assert critical_problems(html) == []


@pytest.mark.parametrize("query", ["", "?old=1", "?old=abc&new=%00", "?old=999999&new=999998"])
def test_missing_or_foreign_versions_go_back_to_the_history(edited, query):
    publisher, article, _versions = edited
    response = publisher.get(reverse("admin:articles_article_compare", args=[article.pk]) + query)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_history", args=[article.pk])


def test_a_version_of_another_article_cannot_be_compared(edited, taxonomy):
    publisher, article, (first, _second) = edited
    stranger = Article.objects.create(title="다른 문서", body="<p>다른 내용</p>", status=Article.Status.DRAFT, **taxonomy)
    publisher.post(reverse("admin:articles_article_change", args=[stranger.pk]), form_data(stranger, tags="x"))
    foreign = Version.objects.get_for_object(stranger).get()
    assert publisher.get(compare_url(article, first, foreign)).status_code == 302


def test_editors_may_compare(edited, client):
    _publisher, article, (first, second) = edited
    client.logout()
    editor = staff_client(client, EDITORS)
    assert editor.get(compare_url(article, first, second)).status_code == 200


def test_staff_written_text_is_escaped_in_the_diff():
    old = {"title": "안내", "body": "<p>a</p>"}
    new = {"title": "<script>alert(1)</script>", "body": "<p>&lt;img src=x onerror=alert(1)&gt;</p>"}
    diff = compare_versions(old, new)
    shown = Template("{{ diff.title.1 }}{% for row in diff.body %}{{ row.after }}{% endfor %}").render(Context({"diff": diff}))
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;img src=x" in shown


def test_body_blocks_are_paragraphs_list_items_and_images():
    html = '<p>첫 문단</p><ul><li>하나</li><li>둘</li></ul><p><img src="/media/a.png" alt="설정 화면"></p>'
    assert body_blocks(html) == ["첫 문단", "하나", "둘", "[이미지: /media/a.png]"]
