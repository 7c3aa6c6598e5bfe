"""A misspelled query that finds nothing is answered with its correction, and says so."""

import pytest
from django.urls import reverse

from articles.tests.factories import make_article
from search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    make_article(title="비밀번호를 잊어버렸어요", body="<p>로그인 화면에서 비밀번호 재설정을 누르세요.</p>")
    make_article(title="결제를 취소하고 환불받고 싶어요", body="<p>구매 내역에서 취소할 수 있어요.</p>", tags="환불, 결제 취소")


def test_a_query_that_finds_nothing_gets_the_results_of_its_correction(articles):
    results = search("비밀번효")
    assert [h.article.title for h in results.hits] == ["비밀번호를 잊어버렸어요"]
    assert (results.query, results.corrected_from) == ("비밀번호", "비밀번효")


def test_a_query_with_results_is_not_corrected_and_exact_turns_correction_off(articles):
    assert search("환불").corrected_from == ""
    results = search("비밀번효", correct=False)
    assert results.query == "비밀번효" and results.corrected_from == ""  # its pieces (비밀, 밀번) may still match


def test_the_page_and_the_api_say_what_was_corrected(client, articles):
    page = client.get(reverse("articles:search"), {"q": "비밀번효"}).content.decode()
    assert "‘비밀번호’ 검색 결과입니다." in page
    assert "exact=1" in page and "‘비밀번효’로 검색" in page
    exact = client.get(reverse("articles:search"), {"q": "비밀번효", "exact": "1"}).content.decode()
    assert "corrected-query" not in exact and "‘비밀번효’" in exact
    data = client.get(reverse("articles:api-search"), {"q": "환뷸"}).json()
    assert (data["query"], data["corrected_from"], data["count"]) == ("환불", "환뷸", 1)
