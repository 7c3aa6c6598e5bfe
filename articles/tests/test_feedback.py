""""도움이 되었나요?" votes: one per visitor per article, with and without JavaScript."""

import pytest
from django.test import Client

from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def article(make_article):
    return make_article("비밀번호를 잊어버렸어요")


def feedback_url(article):
    return f"/articles/{article.pk}/feedback/"


def test_vote_without_javascript_counts_and_redirects_back(client, article):
    response = client.post(feedback_url(article), {"helpful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{article.pk}/#feedback"
    article.refresh_from_db()
    assert (article.helpful_count, article.not_helpful_count) == (1, 0)
    html = client.get(response["Location"]).content.decode()
    assert "의견을 보내 주셔서 감사합니다." in html
    assert 'class="feedback-form"' not in html


def test_not_helpful_vote_counts_separately(client, article):
    client.post(feedback_url(article), {"helpful": "no"})
    article.refresh_from_db()
    assert (article.helpful_count, article.not_helpful_count) == (0, 1)


def test_one_vote_per_visitor_per_article(client, article, make_article):
    other = make_article("채팅방 알림을 끄고 싶어요")
    client.post(feedback_url(article), {"helpful": "yes"})
    client.post(feedback_url(article), {"helpful": "yes"})
    client.post(feedback_url(article), {"helpful": "no"})
    client.post(feedback_url(other), {"helpful": "no"})
    article.refresh_from_db()
    other.refresh_from_db()
    assert (article.helpful_count, article.not_helpful_count) == (1, 0)
    assert other.not_helpful_count == 1
    Client().post(feedback_url(article), {"helpful": "yes"})  # another visitor
    article.refresh_from_db()
    assert article.helpful_count == 2


def test_vote_with_javascript_gets_json(client, article):
    response = client.post(feedback_url(article), {"helpful": "yes"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"counted": True, "vote": "yes", "message": "의견을 보내 주셔서 감사합니다."}
    again = client.post(feedback_url(article), {"helpful": "no"}, HTTP_ACCEPT="application/json").json()
    assert again["counted"] is False and again["vote"] == "yes"


def test_vote_does_not_bump_version_or_updated_at(client, article):
    before = Article.objects.get(pk=article.pk)
    client.post(feedback_url(article), {"helpful": "yes"})
    after = Article.objects.get(pk=article.pk)
    assert (after.version, after.updated_at) == (before.version, before.updated_at)


@pytest.mark.parametrize("value", [None, "", "maybe", "<script>"])
def test_invalid_answer_is_400_and_not_counted(client, article, value):
    data = {} if value is None else {"helpful": value}
    assert client.post(feedback_url(article), data).status_code == 400
    response = client.post(feedback_url(article), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json()["parameter"] == "helpful"
    article.refresh_from_db()
    assert article.helpful_count == article.not_helpful_count == 0


def test_vote_requires_post_and_csrf(article):
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(feedback_url(article)).status_code == 405
    assert browser.post(feedback_url(article), {"helpful": "yes"}).status_code == 403
    browser.get(article.get_absolute_url())
    token = browser.cookies["csrftoken"].value
    response = browser.post(feedback_url(article), {"helpful": "yes", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.helpful_count == 1


def test_hidden_articles_cannot_be_voted_on(client, hidden_articles):
    for hidden in hidden_articles:
        assert client.post(feedback_url(hidden), {"helpful": "yes"}).status_code == 404
        hidden.refresh_from_db()
        assert hidden.helpful_count == 0


def test_votes_are_rate_limited(client, settings, make_article):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_VOTE = "2/m"
    articles = [make_article(f"결제 수단 변경 안내 {n}") for n in range(3)]
    assert client.post(feedback_url(articles[0]), {"helpful": "yes"}).status_code == 302
    assert client.post(feedback_url(articles[1]), {"helpful": "yes"}).status_code == 302
    response = client.post(feedback_url(articles[2]), {"helpful": "yes"})
    assert response.status_code == 429 and "Retry-After" in response
    articles[2].refresh_from_db()
    assert articles[2].helpful_count == 0
