"""Views count people, not requests, and counting never touches the article row or the session."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from articles.counters import fold_counters
from articles.models import Article, CounterEvent
from articles.signals import counters_folded

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


def views(article) -> int:
    fold_counters()
    return Article.objects.get(pk=article.pk).view_count


def test_cookieless_requests_from_one_browser_count_once_and_create_no_sessions(make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    for _ in range(50):
        assert Client(HTTP_USER_AGENT=BROWSER).get(article.get_absolute_url()).status_code == 200
    assert views(article) == 1
    assert Session.objects.count() == 0


def test_crawlers_do_not_count(make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    for agent in ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Yeti/1.1", "facebookexternalhit/1.1"]:
        for _ in range(5):
            Client(HTTP_USER_AGENT=agent).get(article.get_absolute_url())
    assert views(article) == 0
    assert Session.objects.count() == 0


def test_a_visitor_with_the_cookie_counts_once_a_day(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    client.get(article.get_absolute_url())  # no cookie yet: counted, and the new cookie remembers it
    for _ in range(5):
        client.get(article.get_absolute_url())
    assert views(article) == 1


def test_the_next_day_counts_again(client, make_article, monkeypatch):
    from django.utils import timezone

    article = make_article("비밀번호를 잊어버렸어요")
    client.get(article.get_absolute_url())
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr("articles.feedback.timezone.localdate", lambda: tomorrow)
    client.get(article.get_absolute_url())
    assert views(article) == 2


def test_counting_per_address_is_limited(settings, make_article):
    # Many "visitors" from one address (new user agents, no cookies) stop counting at COUNT_LIMIT.
    settings.COUNT_LIMIT = "5/h"
    article = make_article("비밀번호를 잊어버렸어요")
    for n in range(20):
        Client(HTTP_USER_AGENT=f"{BROWSER} v{n}").get(article.get_absolute_url())
    assert views(article) == 5
    Client(REMOTE_ADDR="198.51.100.40").get(article.get_absolute_url())
    assert views(article) == 6


def test_fold_sends_counters_folded_with_the_changed_articles(client, make_article):
    first = make_article("비밀번호를 잊어버렸어요")
    second = make_article("채팅방 알림을 끄고 싶어요")
    make_article("프로필 사진을 바꾸고 싶어요")
    received = []

    def listener(sender, article_ids, **kwargs):
        received.append(article_ids)

    counters_folded.connect(listener)
    try:
        client.get(first.get_absolute_url())
        client.get(second.get_absolute_url())
        fold_counters()
        fold_counters()  # nothing new: no signal
    finally:
        counters_folded.disconnect(listener)
    assert received == [sorted([first.pk, second.pk])]
    assert not CounterEvent.objects.filter(folded=False, kind=CounterEvent.Kind.VIEW).exists()


def test_events_of_deleted_articles_are_dropped_and_old_views_forgotten(client, make_article):
    from django.utils import timezone

    article = make_article("비밀번호를 잊어버렸어요")
    gone = make_article("채팅방 알림을 끄고 싶어요")
    client.get(article.get_absolute_url())
    client.get(gone.get_absolute_url())
    gone.delete()
    CounterEvent.objects.update(day=timezone.localdate() - timedelta(days=5))
    result = fold_counters()
    assert result.article_ids == {article.pk}
    assert Article.objects.get(pk=article.pk).view_count == 1
    assert not CounterEvent.objects.exists()  # folded and more than two days old
