import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from insights.logging import TOKEN_COOKIE
from insights.models import SearchClick, SearchLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    client.cookies[TOKEN_COOKIE] = "a" * 32
    return client


@pytest.fixture
def search():
    return SearchLog.objects.create(query="비밀번호", result_count=2, session_token="a" * 32)


def test_click_is_recorded_and_redirects_to_the_article(visitor, search, make_article):
    article = make_article()
    response = visitor.get(reverse("insights:click", args=[search.pk, article.pk, 2]))
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    click = SearchClick.objects.get()
    assert (click.search, click.article, click.position) == (search, article, 2)


def test_unpublished_article_is_404(visitor, search, make_article):
    draft = make_article(status="draft", published_at=None)
    response = visitor.get(reverse("insights:click", args=[search.pk, draft.pk, 1]))
    assert response.status_code == 404
    assert not SearchClick.objects.exists()


def test_missing_article_is_404(visitor, search):
    assert visitor.get(reverse("insights:click", args=[search.pk, 999999, 1])).status_code == 404


def test_someone_elses_or_unknown_search_redirects_without_recording(client, visitor, search, make_article):
    article = make_article()
    other = SearchLog.objects.create(query="탈퇴", result_count=1, session_token="b" * 32)
    assert visitor.get(reverse("insights:click", args=[other.pk, article.pk, 1])).status_code == 302
    assert visitor.get(reverse("insights:click", args=[999999, article.pk, 1])).status_code == 302
    assert not SearchClick.objects.exists()


def test_bots_and_staff_clicks_are_not_recorded(visitor, search, make_article):
    article = make_article()
    url = reverse("insights:click", args=[search.pk, article.pk, 1])
    assert visitor.get(url, HTTP_USER_AGENT="Googlebot/2.1").status_code == 302
    visitor.force_login(User.objects.create_user("staff", is_staff=True))
    assert visitor.get(url).status_code == 302
    assert not SearchClick.objects.exists()


def test_redirect_target_cannot_be_chosen_by_the_link(visitor, search, make_article):
    article = make_article()
    url = reverse("insights:click", args=[search.pk, article.pk, 1]) + "?next=https://evil.example/"
    response = visitor.get(url)
    assert response["Location"] == article.get_absolute_url()
    assert response["Location"].startswith("/")


def test_only_get(visitor, search, make_article):
    article = make_article()
    assert visitor.post(reverse("insights:click", args=[search.pk, article.pk, 1])).status_code == 405
