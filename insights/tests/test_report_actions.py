"""From the search report to action: zero-result and no-click queries offer "동의어 추가" (a
prefilled synonym form, publishers only) besides "새 문서 쓰기"."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.roles import EDITORS, PUBLISHERS
from articles.tests.factories import staff_client
from insights.models import SearchLog, SynonymGroup

from .conftest import seoul

pytestmark = pytest.mark.django_db

REPORT = reverse("admin:insights_searchlog_report")
RANGE = {"start": "2026-03-01", "end": "2026-03-03"}


@pytest.fixture
def searches(db):
    SearchLog.objects.create(query="비밀번효", result_count=0, created_at=seoul(2026, 3, 2, 9))
    SearchLog.objects.create(query="계정 정지", result_count=4, created_at=seoul(2026, 3, 2, 10))


def test_zero_result_and_no_click_queries_offer_a_prefilled_synonym_form(client, searches):
    html = staff_client(client, PUBLISHERS).get(REPORT, RANGE).content.decode()

    add_synonym = reverse("admin:insights_synonymgroup_add")
    for query in ("비밀번효", "계정 정지"):
        assert f'href="{add_synonym}?terms={quote(query + ", ", safe="")}&amp;note=' in html
    assert html.count("동의어 추가") == 2
    assert html.count("새 문서 쓰기") == 2


def test_the_synonym_form_opens_with_the_query_filled_in(client):
    publisher = staff_client(client, PUBLISHERS)
    url = reverse("admin:insights_synonymgroup_add") + "?terms=" + quote("비밀번효, ", safe="")

    html = publisher.get(url).content.decode()

    assert "비밀번효, </textarea>" in html
    publisher.post(url, {"terms": "비밀번효, 비밀번호", "note": ""})
    assert SynonymGroup.objects.get().terms == "비밀번효, 비밀번호"


def test_editors_who_cannot_add_synonyms_get_no_such_link(client, searches):
    html = staff_client(client, EDITORS).get(REPORT, RANGE).content.decode()
    assert "동의어 추가" not in html and "새 문서 쓰기" in html


def test_queries_are_escaped_in_the_action_links(client):
    SearchLog.objects.create(query='"><script>alert(1)</script>', result_count=0, created_at=seoul(2026, 3, 2, 9))
    html = staff_client(client, PUBLISHERS).get(REPORT, RANGE).content.decode()
    assert "<script>alert(1)" not in html
