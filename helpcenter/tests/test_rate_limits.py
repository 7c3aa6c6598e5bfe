"""Rate limits per client: 429 with Retry-After when exceeded, off with RATE_LIMITS=off, rates from env."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from helpcenter.ratelimit import client_ip, rate_limit

from .servers import load_settings


@rate_limit("search")
def dummy_search_view(request):
    return HttpResponse("결과")


def call(ip="203.0.113.7", path="/search/?q=백업", **meta):
    request = RequestFactory().get(path, REMOTE_ADDR=ip, **meta)
    return dummy_search_view(request)


@pytest.fixture
def limits_on(settings, fresh_cache):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_SEARCH = "3/m"
    settings.RATE_LIMIT_VOTE = "2/m"
    return settings


def test_decorator_allows_the_rate_then_answers_429_with_retry_after(limits_on):
    assert [call().status_code for _ in range(3)] == [200, 200, 200]
    response = call()
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "요청이 너무 많습니다" in response.content.decode()


def test_a_new_window_allows_requests_again(limits_on, ratelimit_clock):
    # The clock is held still (conftest.py), so the window only ends when the test says so.
    assert [call().status_code for _ in range(4)] == [200, 200, 200, 429]
    ratelimit_clock.advance(30)
    assert call().status_code == 429
    ratelimit_clock.advance(61)
    assert call().status_code == 200


def test_limits_are_per_client(limits_on):
    for _ in range(4):
        call(ip="203.0.113.7")
    assert call(ip="203.0.113.7").status_code == 429
    assert call(ip="198.51.100.20").status_code == 200


def test_rate_limits_off_never_limits(settings, fresh_cache):
    settings.RATE_LIMITS_ENABLED = False
    settings.RATE_LIMIT_SEARCH = "1/m"
    assert {call().status_code for _ in range(20)} == {200}


def test_api_paths_get_a_json_429(limits_on):
    for _ in range(3):
        call(path="/api/search/?q=백업")
    response = call(path="/api/search/?q=백업")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["error"]
    assert int(response["Retry-After"]) >= 1


@override_settings(CACHES={"default": {"BACKEND": "helpcenter.cache.BoundedRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}})
def test_an_unreachable_shared_cache_lets_requests_through(settings):
    # A dead Redis must not turn the help center into a wall of 429s or 500s.
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_SEARCH = "1/m"
    assert [call().status_code for _ in range(3)] == [200, 200, 200]


def test_forwarded_for_is_only_trusted_behind_configured_proxies(limits_on):
    spoofed = {"HTTP_X_FORWARDED_FOR": "1.2.3.4"}
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **spoofed)) == "10.0.0.1"

    limits_on.RATE_LIMIT_TRUSTED_PROXIES = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"  # what our proxy saw, not what the client claimed
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(garbage) == "10.0.0.1"

    # Two visitors behind the same proxy are counted apart.
    for _ in range(4):
        call(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert call(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert call(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


# The real endpoints -----------------------------------------------------------------------------


def endpoints(hc):
    return [
        ("get", reverse("articles:search") + "?q=백업", "search", "text/html"),
        ("get", reverse("articles:api-search") + "?q=백업", "search", "application/json"),
        ("get", reverse("articles:api-suggest") + "?q=백업", "search", "application/json"),
        ("get", reverse("articles:api-article", args=[hc.backup_android.pk]), "search", "application/json"),
        ("post", reverse("articles:feedback", args=[hc.backup_android.pk]), "vote", "text/html"),
    ]


@pytest.mark.parametrize("index", range(5), ids=["search-page", "api-search", "api-suggest", "api-article", "vote"])
def test_every_public_endpoint_answers_429_with_retry_after(client, limits_on, help_center, index):
    method, url, group, content_type = endpoints(help_center)[index]
    limit = 3 if group == "search" else 2
    send = getattr(client, method)
    data = {"helpful": "yes"} if method == "post" else None
    for _ in range(limit):
        assert send(url, data).status_code != 429
    response = send(url, data)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"].startswith(content_type)


def test_endpoints_are_not_limited_with_rate_limits_off(client, settings, fresh_cache, help_center):
    settings.RATE_LIMITS_ENABLED = False
    settings.RATE_LIMIT_SEARCH = settings.RATE_LIMIT_VOTE = "1/m"
    for method, url, _group, _type in endpoints(help_center):
        for _ in range(3):
            response = getattr(client, method)(url, {"helpful": "no"} if method == "post" else None)
            assert response.status_code != 429


def test_searching_does_not_use_up_the_vote_allowance(client, limits_on, help_center):
    for _ in range(5):
        client.get(reverse("articles:api-suggest") + "?q=백업")
    vote = client.post(reverse("articles:feedback", args=[help_center.restricted.pk]), {"helpful": "yes"})
    assert vote.status_code != 429


# Settings from the environment ------------------------------------------------------------------


def test_rates_come_from_the_environment_with_generous_defaults():
    def rates(**env):
        values = load_settings(**env)
        return [values["RATE_LIMITS_ENABLED"], values["RATE_LIMIT_SEARCH"], values["RATE_LIMIT_VOTE"]]

    assert rates() == [True, "300/m", "30/m"]
    assert rates(RATE_LIMIT_SEARCH="20/s", RATE_LIMIT_VOTE="5/m") == [True, "20/s", "5/m"]
    for off in ("off", "OFF", "0", "false"):
        assert rates(RATE_LIMITS=off)[0] is False


def test_a_malformed_rate_refuses_to_start():
    with pytest.raises(ImproperlyConfigured, match="RATE_LIMIT_SEARCH"):
        load_settings(RATE_LIMIT_SEARCH="lots")
    with pytest.raises(ImproperlyConfigured, match="COUNT_LIMIT"):
        load_settings(COUNT_LIMIT="many")


def test_cache_url_redis_uses_the_bounded_redis_backend():
    from django.core.cache.backends.redis import RedisCache

    from helpcenter.cache import BoundedRedisCache

    cache = load_settings(CACHE_URL="redis://127.0.0.1:6379/15")["CACHES"]["default"]
    assert cache["BACKEND"] == "helpcenter.cache.BoundedRedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/15"
    assert cache["OPTIONS"] == {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
    assert issubclass(BoundedRedisCache, RedisCache)
    assert load_settings()["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
