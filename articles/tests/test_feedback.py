""""도움이 되었나요?" votes: one per visitor per article, with and without JavaScript.

A vote counts only from the visitor who was shown the form (its cookie and the form's proof field),
and lands on the article when the counters are folded.
"""

import re

import pytest
from django.test import Client

from articles.counters import fold_counters
from articles.feedback import VOTE_FIELD
from articles.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def article(make_article):
    return make_article("비밀번호를 잊어버렸어요")


def feedback_url(article):
    return f"/articles/{article.pk}/feedback/"


def vote(client, article, answer, **extra):
    """Open the article like a reader, then send the form it showed."""
    html = client.get(article.get_absolute_url()).content.decode()
    match = re.search(rf'name="{VOTE_FIELD}" value="([0-9a-f]+)"', html)
    data = {"helpful": answer, VOTE_FIELD: match.group(1) if match else ""}
    return client.post(feedback_url(article), data, **extra)


def counts(article):
    fold_counters()
    article.refresh_from_db()
    return article.helpful_count, article.not_helpful_count


def test_vote_without_javascript_counts_and_redirects_back(client, article):
    response = vote(client, article, "yes")
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{article.pk}/#feedback"
    assert counts(article) == (1, 0)
    html = client.get(response["Location"]).content.decode()
    assert "의견을 보내 주셔서 감사합니다." in html
    assert 'class="feedback-form"' not in html


def test_not_helpful_vote_counts_separately(client, article):
    vote(client, article, "no")
    assert counts(article) == (0, 1)


def test_one_vote_per_visitor_per_article(client, article, make_article):
    other = make_article("채팅방 알림을 끄고 싶어요")
    vote(client, article, "yes")
    vote(client, article, "yes")
    vote(client, article, "no")
    vote(client, other, "no")
    assert counts(article) == (1, 0)
    assert counts(other) == (0, 1)
    vote(Client(), article, "yes")  # another visitor
    assert counts(article) == (2, 0)


def test_a_vote_without_the_visitor_that_was_shown_the_form_does_not_count(client, article):
    # Replaying a form without its visitor cookie, or a cookie without the form, counts nothing.
    html = client.get(article.get_absolute_url()).content.decode()
    proof = re.search(rf'name="{VOTE_FIELD}" value="([0-9a-f]+)"', html).group(1)
    for _ in range(10):
        Client().post(feedback_url(article), {"helpful": "yes", VOTE_FIELD: proof})
    assert client.post(feedback_url(article), {"helpful": "yes", VOTE_FIELD: "0" * 32}).status_code == 302
    other = Client()
    other.get(article.get_absolute_url())
    other.post(feedback_url(article), {"helpful": "yes", VOTE_FIELD: proof})  # someone else's proof
    assert counts(article) == (0, 0)


def test_vote_proof_is_per_article(client, article, make_article):
    other = make_article("채팅방 알림을 끄고 싶어요")
    html = client.get(article.get_absolute_url()).content.decode()
    proof = re.search(rf'name="{VOTE_FIELD}" value="([0-9a-f]+)"', html).group(1)
    client.post(feedback_url(other), {"helpful": "yes", VOTE_FIELD: proof})
    assert counts(other) == (0, 0)


def test_vote_with_javascript_gets_json(client, article):
    response = vote(client, article, "yes", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"counted": True, "vote": "yes", "message": "의견을 보내 주셔서 감사합니다."}
    again = vote(client, article, "no", HTTP_ACCEPT="application/json").json()
    assert again["counted"] is False and again["vote"] == "yes"


def test_vote_does_not_bump_version_or_updated_at(client, article):
    before = Article.objects.get(pk=article.pk)
    vote(client, article, "yes")
    fold_counters()
    after = Article.objects.get(pk=article.pk)
    assert (after.version, after.updated_at) == (before.version, before.updated_at)


@pytest.mark.parametrize("value", [None, "", "maybe", "<script>"])
def test_invalid_answer_is_400_and_not_counted(client, article, value):
    data = {} if value is None else {"helpful": value}
    assert client.post(feedback_url(article), data).status_code == 400
    response = client.post(feedback_url(article), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json()["parameter"] == "helpful"
    assert counts(article) == (0, 0)


def test_vote_requires_post_and_csrf(article):
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(feedback_url(article)).status_code == 405
    assert browser.post(feedback_url(article), {"helpful": "yes"}).status_code == 403
    html = browser.get(article.get_absolute_url()).content.decode()
    token = browser.cookies["csrftoken"].value
    proof = re.search(rf'name="{VOTE_FIELD}" value="([0-9a-f]+)"', html).group(1)
    response = browser.post(feedback_url(article), {"helpful": "yes", "csrfmiddlewaretoken": token, VOTE_FIELD: proof})
    assert response.status_code == 302
    assert counts(article) == (1, 0)


def test_hidden_articles_cannot_be_voted_on(client, hidden_articles):
    for hidden in hidden_articles:
        assert client.post(feedback_url(hidden), {"helpful": "yes"}).status_code == 404
        assert counts(hidden) == (0, 0)


def test_votes_are_rate_limited(client, settings, make_article):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_VOTE = "2/m"
    articles = [make_article(f"결제 수단 변경 안내 {n}") for n in range(3)]
    assert vote(client, articles[0], "yes").status_code == 302
    assert vote(client, articles[1], "yes").status_code == 302
    response = vote(client, articles[2], "yes")
    assert response.status_code == 429 and "Retry-After" in response
    assert counts(articles[2]) == (0, 0)
