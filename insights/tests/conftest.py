from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, Category, Platform, Service
from insights import suggest, synonyms
from search.types import SearchFilters, SearchResults

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture(autouse=True)
def fresh_caches():
    synonyms.invalidate()
    suggest.clear_vocabulary()
    yield
    synonyms.invalidate()
    suggest.clear_vocabulary()


@pytest.fixture
def taxonomy(db):
    service = Service.objects.create(name="카카오톡")
    return {
        "service": service,
        "category": Category.objects.create(service=service, name="계정"),
        "platform": Platform.objects.create(name="안드로이드"),
    }


@pytest.fixture
def make_article(taxonomy):
    def make(title="비밀번호를 잊어버렸어요", **fields):
        values = {
            "title": title,
            "body": "<p>로그인 화면에서 비밀번호 찾기를 누르세요.</p>",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(days=1),
            **taxonomy,
            **fields,
        }
        return Article.objects.create(**values)

    return make


def results(query, count=3, *, page=1, sort="relevance"):
    return SearchResults(query=query, hits=[], count=count, page=page, num_pages=1, page_size=20, sort=sort)


def search_request(path="/search/", *, user=None, session=None, **meta):
    request = RequestFactory().get(path, {"q": "x"}, **meta)
    request.user = user or AnonymousUser()
    request.session = session if session is not None else SessionStore()
    return request


def seoul(year, month, day, hour=12):
    return datetime(year, month, day, hour, tzinfo=SEOUL)


__all__ = ["SearchFilters", "results", "search_request", "seoul"]
