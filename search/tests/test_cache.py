"""The result cache: repeated searches skip the engine, and any index change retires them at once."""

import pytest

from articles.models import Article
from articles.tests.factories import make_article
from search import changes, search
from search.models import IndexChange, IndexState

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    from django.core.cache import cache

    settings.SEARCH_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def engine_calls(monkeypatch):
    calls = []
    from search import engine as search_module

    original = search_module._run

    def counting(*args, **kwargs):
        calls.append(args[0].text)
        return original(*args, **kwargs)

    monkeypatch.setattr(search_module, "_run", counting)
    return calls


def test_repeated_search_is_served_from_the_cache(cache_on, engine_calls):
    """Kept from its second computation on: the third search is served from the cache."""
    make_article(title="대화 내용을 백업하고 싶어요", body="<p>톡서랍에 백업하세요.</p>")
    first = search("백업")
    search("백업")
    third = search("백업")
    assert engine_calls == ["백업", "백업"]
    assert [h.article.title for h in third.hits] == [h.article.title for h in first.hits]
    assert third.count == 1 and "<mark>백업</mark>" in third.hits[0].snippet


def test_a_search_computed_once_is_not_kept(cache_on, monkeypatch):
    from search import cache as result_cache

    written = []
    monkeypatch.setattr(result_cache, "write", lambda key, value: written.append(key))
    make_article(title="대화 내용을 백업하고 싶어요", body="<p>톡서랍에 백업하세요.</p>")
    search("백업")
    search("대화")
    assert written == []
    search("백업")
    assert len(written) == 1


def test_a_failing_marker_keeps_nothing_and_still_answers(cache_on, monkeypatch):
    from django.core.cache import cache

    from search import cache as result_cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    written = []
    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(result_cache, "write", lambda key, value: written.append(key))
    make_article(title="대화 내용을 백업하고 싶어요", body="<p>톡서랍에 백업하세요.</p>")
    assert search("백업").count == 1 and search("백업").count == 1
    assert written == []


def test_publishing_unpublishing_and_editing_retire_cached_results(cache_on):
    article = make_article(title="대화 내용을 백업하고 싶어요", body="<p>톡서랍에 백업하세요.</p>")
    assert search("백업").count == 1
    article.status = Article.Status.DRAFT
    article.save()
    assert search("백업").count == 0  # never a cached hit for an unpublished article
    make_article(title="백업 파일을 복원할 수 없어요", body="<p>복원 안내</p>")
    assert search("백업").count == 1


def test_synonym_changes_retire_cached_results(cache_on):
    from insights.models import SynonymGroup

    make_article(title="회원 탈퇴 방법", body="<p>탈퇴 안내</p>")
    assert search("떠나기").count == 0
    SynonymGroup.objects.create(terms="탈퇴, 떠나기")
    assert search("떠나기").count == 1


def test_every_index_write_takes_a_generation_and_logs_the_article():
    before = changes.state()[1]
    article = make_article(title="비밀번호를 바꾸고 싶어요", body="<p>설정에서 변경</p>")
    after_create = changes.state()[1]
    Article.objects.get(pk=article.pk).delete()
    assert before < after_create < changes.state()[1]
    assert IndexState.objects.count() == 1
    logged = IndexChange.objects.filter(article_id=article.pk).order_by("pk").values_list("generation", flat=True)
    assert list(logged) == [after_create, changes.state()[1]]


def test_cache_off_computes_every_time(settings, engine_calls):
    settings.SEARCH_CACHE_SECONDS = 0
    make_article(title="알림이 오지 않아요", body="<p>알림 설정 확인</p>")
    search("알림")
    search("알림")
    assert engine_calls == ["알림", "알림"]
