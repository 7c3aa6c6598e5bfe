from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, connections, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insights import logging as search_log
from insights.logging import TOKEN_COOKIE, record_search, remember_visitor
from insights.models import SearchClick, SearchLog
from search.types import SearchFilters

from .conftest import results, search_request

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


def test_records_normalised_query_filters_count_and_visitor_token():
    request = search_request(HTTP_USER_AGENT=FIREFOX)
    filters = SearchFilters(service=("카카오톡",), platform=("ios", "android"))
    log_id = record_search(request, results("  비밀번호   ＲＥＳＥＴ ", count=7), filters=filters)
    entry = SearchLog.objects.get(pk=log_id)
    assert entry.query == "비밀번호 reset"
    assert entry.filters == {"service": ["카카오톡"], "platform": ["android", "ios"]}
    assert entry.result_count == 7
    assert entry.sort == "relevance"
    assert entry.source == SearchLog.Source.WEB
    response = HttpResponse()
    remember_visitor(request, response)
    token = response.cookies[TOKEN_COOKIE]
    assert entry.session_token == token.value and len(token.value) == 32
    assert token["httponly"] and token["samesite"] == "Lax"


def test_same_visitor_keeps_one_token_that_is_not_the_django_session_key():
    request = search_request(HTTP_USER_AGENT=FIREFOX)
    first = SearchLog.objects.get(pk=record_search(request, results("탈퇴")))
    second = SearchLog.objects.get(pk=record_search(request, results("계정 삭제")))
    assert first.session_token == second.session_token
    request.session.save()
    assert first.session_token != request.session.session_key
    returning = search_request(HTTP_USER_AGENT=FIREFOX)
    returning.COOKIES[TOKEN_COOKIE] = first.session_token
    assert SearchLog.objects.get(pk=record_search(returning, results("탈퇴"))).session_token == first.session_token
    response = HttpResponse()
    remember_visitor(returning, response)
    assert TOKEN_COOKIE not in response.cookies  # known visitors are not sent the cookie again


def test_a_malformed_token_cookie_is_replaced():
    request = search_request(HTTP_USER_AGENT=FIREFOX)
    request.COOKIES[TOKEN_COOKIE] = "<script>" + "a" * 40
    entry = SearchLog.objects.get(pk=record_search(request, results("탈퇴")))
    assert len(entry.session_token) == 32 and "<" not in entry.session_token


def test_a_search_neither_creates_nor_saves_a_session(client, make_article):
    make_article()
    response = client.get("/search/", {"q": "비밀번호"}, HTTP_USER_AGENT=FIREFOX)
    assert SearchLog.objects.get().session_token == response.cookies[TOKEN_COOKIE].value
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_api_searches_are_marked():
    entry = SearchLog.objects.get(pk=record_search(search_request("/api/search/"), results("탈퇴")))
    assert entry.source == SearchLog.Source.API


def test_no_ip_or_personal_data_is_stored():
    fields = {field.name for field in SearchLog._meta.get_fields()}
    assert fields == {"id", "query", "filters", "result_count", "sort", "source", "session_token", "created_at", "clicks"}
    request = search_request(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=FIREFOX, HTTP_X_FORWARDED_FOR="198.51.100.9")
    log_id = record_search(request, results("비밀번호"))
    row = SearchLog.objects.filter(pk=log_id).values().get()
    stored = " ".join(str(value) for value in row.values())
    for personal in ("203.0.113.77", "198.51.100.9", "Firefox", "Mozilla"):
        assert personal not in stored


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)",
        "Mozilla/5.0 (compatible; Daum/4.1; +http://cs.daum.net/faq/15/4118.html?faqId=28966) Daumoa",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
    ],
)
def test_bots_are_not_logged(agent):
    assert record_search(search_request(HTTP_USER_AGENT=agent), results("비밀번호")) is None
    assert not SearchLog.objects.exists()


def test_staff_are_not_logged():
    staff = User.objects.create_user("editor", is_staff=True)
    assert record_search(search_request(user=staff, HTTP_USER_AGENT=FIREFOX), results("비밀번호")) is None
    member = User.objects.create_user("member")
    assert record_search(search_request(user=member, HTTP_USER_AGENT=FIREFOX), results("비밀번호")) is not None
    assert SearchLog.objects.count() == 1


def test_browsing_without_query_and_later_pages_are_not_new_searches():
    assert record_search(search_request(), results("   ")) is None
    assert record_search(search_request(), results("비밀번호", page=2)) is None
    assert not SearchLog.objects.exists()


def test_a_failing_write_returns_none_and_raises_nothing(monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(search_log, "_insert", broken)
    assert record_search(search_request(), results("비밀번호")) is None


def test_a_failing_write_leaves_the_request_transaction_usable():
    # A real database error (value too long for PostgreSQL, CHECK-like failure on SQLite is absent),
    # raised inside the INSERT, inside an outer transaction as with ATOMIC_REQUESTS or a service.
    with transaction.atomic():
        SearchLog.objects.create(query="before", result_count=1)
        original = search_log._insert

        def failing_insert(entry, using):
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM insights_table_that_does_not_exist")
            return original(entry, using)

        search_log._insert = failing_insert
        try:
            assert record_search(search_request(), results("비밀번호")) is None
        finally:
            search_log._insert = original
        SearchLog.objects.create(query="after", result_count=1)  # would fail if the transaction were broken
    assert set(SearchLog.objects.values_list("query", flat=True)) == {"before", "after"}


def test_anything_unexpected_is_swallowed_too():
    assert record_search(None, results("비밀번호")) is None
    assert record_search(search_request(), object()) is None


def test_one_insert_per_search():
    request = search_request()
    with CaptureQueriesContext(connection) as captured:
        record_search(request, results("비밀번호"))
    inserts = [q["sql"] for q in captured.captured_queries if q["sql"].upper().startswith("INSERT")]
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].upper().startswith("SELECT")]
    assert len(inserts) == 1 and not selects


def test_logger_module_is_the_public_contract():
    assert search_log.record_search is record_search
    assert SearchClick._meta.get_field("search").related_model is SearchLog


def test_the_row_holds_what_the_model_would_have_saved():
    # record_search writes with one raw INSERT; reading it back through the model must give the same values.
    request = search_request("/api/search/", HTTP_USER_AGENT=FIREFOX)
    entry = SearchLog.objects.get(pk=record_search(request, results("탈퇴", count=0, sort="newest"),
                                                   filters=SearchFilters(category=("계정",))))
    assert (entry.query, entry.result_count, entry.sort, entry.source) == ("탈퇴", 0, "newest", "api")
    assert entry.filters == {"category": ["계정"]}
    assert entry.created_at.tzinfo is not None
    assert abs((timezone.now() - entry.created_at).total_seconds()) < 60
    assert SearchLog.objects.between(entry.created_at, entry.created_at + timedelta(seconds=1)).get() == entry


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the log connection exists on PostgreSQL only")
@pytest.mark.django_db(transaction=True, databases=["default", "search_log"])
def test_on_postgresql_the_log_commits_on_its_own_connection_without_waiting_for_the_disk(settings):
    settings.SEARCH_LOG_DATABASE = "search_log"
    with CaptureQueriesContext(connections["search_log"]) as captured:
        entry_id = record_search(search_request(), results("비밀번호"))
    assert SearchLog.objects.filter(pk=entry_id).exists()  # committed: visible on the default connection
    assert [q["sql"].split()[0] for q in captured.captured_queries] == ["INSERT"]  # one round trip
    with connections["search_log"].cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "off"
    with connection.cursor() as cursor:  # the site's own writes still wait for the disk
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
