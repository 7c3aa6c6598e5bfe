"""A cache server that accepts connections and never answers costs one short timeout, not the site."""

import socket
import threading
import time
from urllib.parse import quote

import pytest
from django.core.cache import caches

from helpcenter.cache import BoundedRedisCache, reset_breakers

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_cache_server():
    """Loopback only: accepts up to 64 connections, reads nothing, answers nothing."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.2)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set() and len(held) < 64:
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for conn in held:
        conn.close()
    listener.close()


@pytest.fixture
def silent_cache(silent_cache_server, settings):
    reset_breakers()
    location = f"redis://127.0.0.1:{silent_cache_server}/0"
    settings.CACHES = {"default": {"BACKEND": "helpcenter.cache.BoundedRedisCache", "LOCATION": location}}
    settings.RATE_LIMITS_ENABLED = True  # rate limits count in the cache too
    settings.SEARCH_CACHE_SECONDS = 60  # and so do the result and response caches
    yield caches["default"]
    reset_breakers()


def test_every_page_answers_with_a_silent_cache(client, silent_cache, help_center):
    article = help_center.backup_android
    paths = [
        "/",
        "/search/?q=" + quote("백업"),
        "/search/?q=" + quote("새로운 검색어"),
        "/api/search/?q=" + quote("비밀번호"),
        "/api/suggest/?q=" + quote("카카"),
        f"/api/articles/{article.pk}/",
        article.get_absolute_url(),
        "/services/kakaotalk/",
    ]
    started = time.monotonic()
    for path in paths:
        assert client.get(path).status_code == 200, path
    # Generous on purpose (a busy machine); before, each search cost several 5 s socket timeouts.
    assert time.monotonic() - started < 10


def test_after_one_failure_the_cache_is_not_called_again(silent_cache, monkeypatch):
    calls = []
    assert silent_cache.get("검색:백업", "없음") == "없음"  # one bounded timeout, then the breaker opens
    monkeypatch.setattr(type(silent_cache), "_is_open", lambda self: calls.append(1) or True)
    assert silent_cache.get("검색:탈퇴") is None
    assert silent_cache.add("횟수", 1) is False
    assert silent_cache.incr("횟수") is None
    assert silent_cache.get_many(["a", "b"]) == {}
    assert len(calls) == 4  # each call only asked the breaker; none reached the socket


def test_the_breaker_closes_again_after_a_while(silent_cache, settings, monkeypatch):
    settings.CACHE_BREAKER_SECONDS = 10
    silent_cache.get("a")
    assert silent_cache._is_open()
    later = time.monotonic() + 11
    monkeypatch.setattr("helpcenter.cache.time.monotonic", lambda: later)
    assert not silent_cache._is_open()


def test_a_real_redis_works_through_the_bounded_backend():
    reset_breakers()
    cache = BoundedRedisCache("redis://127.0.0.1:6379/15", {})
    cache.set("helpcenter-test", "backup", 5)
    if cache.get("helpcenter-test") != "backup":
        pytest.skip("no Redis on 127.0.0.1:6379")
    assert cache.add("helpcenter-count", 1, 5) is True
    assert cache.incr("helpcenter-count") == 2
    cache.delete_many(["helpcenter-test", "helpcenter-count"])
