"""Synonym pairs proposed from visits in the search log, and who may accept them."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.roles import EDITORS, PUBLISHERS
from articles.tests.factories import staff_client as staff
from insights.models import SearchClick, SearchLog, SynonymGroup
from insights.synonym_suggestions import InvalidPair, accept_synonym, suggest_synonyms

from .conftest import seoul

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)
URL = "admin:insights_searchlog_synonyms"
ACCEPT = "admin:insights_searchlog_synonyms_accept"


@pytest.fixture
def visit(make_article):
    article = make_article("비밀번호를 잊어버렸어요")

    def log(token, query, minute, results=3, clicked=False):
        entry = SearchLog.objects.create(
            query=query, result_count=results, session_token=token, created_at=seoul(2026, 3, 2, 10) + timedelta(minutes=minute)
        )
        if clicked:
            SearchClick.objects.create(search=entry, article=article, position=1)
        return entry

    return log


def pairs(**kwargs):
    return [(s.failed_query, s.clicked_query, s.visits, s.zero_results) for s in suggest_synonyms(start=DAY, end=DAY, **kwargs)]


def test_a_failed_search_followed_by_a_clicked_one_is_proposed_with_counts(visit):
    visit("a", "비번", 0, results=0)
    visit("a", "비밀번호", 1, clicked=True)
    visit("b", "비번", 0, results=2)  # results, but nobody clicked: poor too
    visit("b", "비밀번호", 3, clicked=True)
    visit("c", "비번", 0, results=0)
    visit("c", "로그인", 1)  # not clicked: no pair for 비번, and a poor search of its own
    visit("c", "비밀번호", 2, clicked=True)
    assert pairs() == [("비번", "비밀번호", 3, 2), ("로그인", "비밀번호", 1, 0)]


def test_no_pair_across_visitors_after_the_gap_or_after_a_success(visit):
    visit("a", "비번", 0, results=0)
    visit("b", "비밀번호", 1, clicked=True)  # another visitor
    visit("c", "단톡방", 0, results=0)
    visit("c", "단체 채팅방", 6, clicked=True)  # more than five minutes later
    visit("d", "환불", 0, clicked=True)  # the first search worked
    visit("d", "결제 취소", 1, clicked=True)
    visit("e", "탈퇴", 0, results=0)
    visit("e", "탈퇴", 1, clicked=True)  # same query again is no synonym
    visit("", "강퇴", 0, results=0)  # no token: cannot tell visits apart
    visit("", "내보내기", 1, clicked=True)
    assert pairs() == []


def test_pairs_already_in_a_group_are_not_proposed_again(visit):
    visit("a", "비번", 0, results=0)
    visit("a", "비밀번호", 1, clicked=True)
    SynonymGroup.objects.create(terms="비밀번호, 비번")
    assert pairs() == []


def test_accept_creates_a_group_then_extends_it():
    group = accept_synonym(failed_query="비번", clicked_query="비밀번호")
    assert group.term_list == ["비밀번호", "비번"]
    again = accept_synonym(failed_query="패스워드", clicked_query="비밀번호")
    assert again.pk == group.pk
    assert again.term_list == ["비밀번호", "비번", "패스워드"]
    assert SynonymGroup.objects.count() == 1


@pytest.mark.parametrize("failed, clicked", [("", "비밀번호"), ("비번", "비번"), ("비번, 암호", "비밀번호")])
def test_accept_refuses_bad_pairs_and_changes_nothing(failed, clicked):
    with pytest.raises(InvalidPair):
        accept_synonym(failed_query=failed, clicked_query=clicked)
    assert SynonymGroup.objects.count() == 0


def test_publishers_see_and_accept_with_csrf(visit, client):
    visit("a", "비번", 0, results=0)
    visit("a", "비밀번호", 1, clicked=True)
    staff(client, PUBLISHERS)
    page = client.get(reverse(URL), {"start": "2026-03-02", "end": "2026-03-02"})
    assert page.status_code == 200
    assert "비번" in page.text and 'name="csrfmiddlewaretoken"' in page.text
    response = client.post(reverse(ACCEPT), {"failed_query": "비번", "clicked_query": "비밀번호",
                                             "start": "2026-03-02", "end": "2026-03-02"})
    assert response.status_code == 302
    assert response["Location"].endswith("?start=2026-03-02&end=2026-03-02")
    assert SynonymGroup.objects.get().term_list == ["비밀번호", "비번"]


def test_accept_needs_the_csrf_token(client):
    staff(client, PUBLISHERS)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse(ACCEPT), {"failed_query": "비번", "clicked_query": "비밀번호"})
    assert response.status_code == 403
    assert not SynonymGroup.objects.exists()


def test_editors_view_but_cannot_accept(visit, client):
    visit("a", "비번", 0, results=0)
    visit("a", "비밀번호", 1, clicked=True)
    staff(client, EDITORS)
    page = client.get(reverse(URL), {"start": "2026-03-02", "end": "2026-03-02"})
    assert page.status_code == 200
    assert "비번" in page.text and reverse(ACCEPT) not in page.text
    response = client.post(reverse(ACCEPT), {"failed_query": "비번", "clicked_query": "비밀번호"})
    assert response.status_code == 403
    assert not SynonymGroup.objects.exists()


def test_accept_is_post_only_and_staff_without_a_role_see_nothing(client):
    staff(client, PUBLISHERS)
    assert client.get(reverse(ACCEPT)).status_code == 405
    client.force_login(User.objects.create_user("intern", is_staff=True))
    assert client.get(reverse(URL)).status_code == 403


def test_bad_input_is_a_message_not_an_error(client):
    staff(client, PUBLISHERS)
    response = client.post(reverse(ACCEPT), {"failed_query": "", "clicked_query": "비밀번호", "start": "x"}, follow=True)
    assert response.status_code == 200
    assert "서로 다른 두 검색어" in response.text
    assert not SynonymGroup.objects.exists()


def test_the_report_links_to_the_suggestions(client):
    staff(client, EDITORS)
    page = client.get(reverse("admin:insights_searchlog_report"))
    assert reverse(URL) in page.text
