import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Category, Service
from articles.roles import EDITORS, PUBLISHERS
from articles.tests.factories import make_staff as staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(staff("editor", EDITORS))
    return client


@pytest.fixture
def publisher_client(client):
    client.force_login(staff("publisher", PUBLISHERS))
    return client


def draft(taxonomy, **fields):
    values = {
        "title": "카카오톡 탈퇴하면 대화내용은 어떻게 되나요?",
        "body": "<p>탈퇴하면 모든 대화내용이 삭제됩니다.</p>",
        "status": Article.Status.DRAFT,
        **taxonomy,
        **fields,
    }
    return Article.objects.create(**values)


def form_data(article, **overrides):
    data = {
        "service": article.service_id,
        "category": article.category_id,
        "platform": article.platform_id,
        "title": article.title,
        "body": article.body,
        "tags": article.tags,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "question_key": article.question_key,
        "external_id": article.external_id,
        "loaded_version": article.version,
    }
    data.update(overrides)
    return data


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_roles_exist_with_the_right_permissions():
    editors = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    publishers = set(Group.objects.get(name=PUBLISHERS).permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article"} <= editors
    assert "publish_article" not in editors and "delete_article" not in editors
    assert {"publish_article", "delete_article"} <= publishers


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_changelist_and_filters_for_staff(editor_client, taxonomy):
    draft(taxonomy)
    other = Service.objects.create(name="카카오계정")
    Article.objects.create(
        service=other,
        category=Category.objects.create(service=other, name="카카오계정/로그인/인증"),
        platform=taxonomy["platform"],
        title="카카오계정 비밀번호를 잊어버렸어요",
        body="<p>비밀번호 재설정</p>",
        status=Article.Status.PUBLISHED,
    )
    url = reverse("admin:articles_article_changelist")
    page = editor_client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "카카오톡 탈퇴하면" in content and "카카오계정 비밀번호를" in content
    filtered = editor_client.get(url, {"service__id__exact": other.pk}).content.decode()
    assert "카카오계정 비밀번호를" in filtered and "카카오톡 탈퇴하면" not in filtered
    by_status = editor_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "카카오톡 탈퇴하면" in by_status and "카카오계정 비밀번호를" not in by_status
    searched = editor_client.get(url, {"q": "비밀번호"}).content.decode()
    assert "카카오계정 비밀번호를" in searched and "카카오톡 탈퇴하면" not in searched


def test_editor_cannot_publish_through_the_change_form(editor_client, taxonomy):
    article = draft(taxonomy)
    response = editor_client.post(change_url(article), form_data(article, status="published"))
    assert response.status_code == 200  # form redisplayed with an error
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_editor_cannot_add_an_article_as_published(editor_client, taxonomy):
    template = Article(**taxonomy, title="새 문서", body="<p>본문</p>", status="published")
    data = form_data(template, loaded_version="")
    editor_client.post(reverse("admin:articles_article_add"), data)
    assert not Article.objects.filter(title="새 문서").exists()


def test_editor_can_save_a_draft(editor_client, taxonomy):
    article = draft(taxonomy)
    response = editor_client.post(change_url(article), form_data(article, title="탈퇴 후 재가입은 언제 되나요?"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "탈퇴 후 재가입은 언제 되나요?"


def test_editor_cannot_change_a_published_article(editor_client, taxonomy):
    article = draft(taxonomy, published_at=None)
    Article.objects.filter(pk=article.pk).update(status="published", published_at=article.created_at)
    article.refresh_from_db()
    response = editor_client.post(change_url(article), form_data(article, status="draft", title="바꿔치기"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "바꿔치기" and article.status == "published"


def test_editor_has_no_publish_action_and_cannot_force_it(editor_client, taxonomy):
    article = draft(taxonomy)
    url = reverse("admin:articles_article_changelist")
    assert "value=\"publish\"" not in editor_client.get(url).content.decode()
    editor_client.post(url, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publisher_bulk_actions(publisher_client, taxonomy):
    first, second = draft(taxonomy), draft(taxonomy, title="탈퇴를 취소할 수 있나요?")
    url = reverse("admin:articles_article_changelist")
    publisher_client.post(url, {"action": "publish", "_selected_action": [first.pk, second.pk]})
    assert set(Article.objects.published().values_list("pk", flat=True)) == {first.pk, second.pk}
    publisher_client.post(url, {"action": "archive", "_selected_action": [first.pk]})
    publisher_client.post(url, {"action": "unpublish", "_selected_action": [second.pk]})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("archived", "draft")


def test_publisher_can_publish_through_the_form(publisher_client, taxonomy):
    article = draft(taxonomy)
    response = publisher_client.post(change_url(article), form_data(article, status="published"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "published" and article.published_at is not None


def test_second_concurrent_save_is_refused(editor_client, taxonomy):
    article = draft(taxonomy)
    opened_by_first = form_data(article, title="첫 번째 직원의 수정")
    opened_by_second = form_data(article, title="두 번째 직원의 수정")
    assert editor_client.post(change_url(article), opened_by_first).status_code == 302
    response = editor_client.post(change_url(article), opened_by_second)
    assert response.status_code == 200
    assert "다른 직원이 먼저 저장했습니다" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "첫 번째 직원의 수정"


def test_revision_history_view_and_restore(publisher_client, taxonomy):
    article = draft(taxonomy)
    publisher_client.post(change_url(article), form_data(article, title="원래 제목: 탈퇴 방법"))
    article.refresh_from_db()
    article.view_count = 42
    Article.objects.filter(pk=article.pk).update(view_count=42)
    publisher_client.post(change_url(article), form_data(article, title="잘못 고친 제목", body="<p>실수</p>"))
    versions = list(Version.objects.get_for_object(article))
    assert len(versions) == 2
    assert versions[0].revision.user.username == "publisher"
    old = versions[1]
    history = publisher_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert reverse("admin:articles_article_revision", args=[article.pk, old.pk]) in history
    shown = publisher_client.get(reverse("admin:articles_article_revision", args=[article.pk, old.pk]))
    assert "원래 제목: 탈퇴 방법" in shown.content.decode()
    publisher_client.post(reverse("admin:articles_article_revision", args=[article.pk, old.pk]))
    article.refresh_from_db()
    assert article.title == "원래 제목: 탈퇴 방법"
    assert article.body == "<p>탈퇴하면 모든 대화내용이 삭제됩니다.</p>"
    assert article.view_count == 42  # counters are not rolled back
    assert Version.objects.get_for_object(article).count() == 3  # the restore is itself a revision


def test_preview_shows_a_draft_to_staff_only(client, editor_client, taxonomy):
    article = draft(taxonomy)
    url = reverse("admin:articles_article_preview", args=[article.pk])
    page = editor_client.get(url)
    assert page.status_code == 200 and "카카오톡 탈퇴하면" in page.content.decode()
    client.logout()
    assert client.get(url).status_code == 302


def test_view_on_site_goes_to_preview_until_public(publisher_client, taxonomy):
    article = draft(taxonomy)
    page = publisher_client.get(change_url(article)).content.decode()
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert f'<a href="{preview}" class="viewsitelink">' in page
    Article.objects.filter(pk=article.pk).update(status="published", published_at=article.created_at)
    page = publisher_client.get(change_url(article)).content.decode()
    assert f'<a href="{article.get_absolute_url()}" class="viewsitelink">' in page
