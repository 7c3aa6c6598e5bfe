"""The per-process snapshot (articles/search/snapshot.py): patched from the rows written since it
last looked, never holding what a transaction wrote before it committed. These tests commit, so
they run outside the usual test transaction."""

import pytest
from django.db import transaction

from articles.models import Article
from articles.search import index, search, snapshot
from articles.tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db(transaction=True)


def found(query: str) -> list[str]:
    return [hit.article.title for hit in search(query).hits]


def test_shared_snapshot_follows_committed_writes():
    first = make_article(title="알림 소리 바꾸기", body="<p>알림 설정</p>")
    assert found("알림") == ["알림 소리 바꾸기"]
    shared = snapshot.current()
    generation = shared.generation

    second = make_article(title="알림 끄기", body="<p>알림 설정</p>")
    assert sorted(found("알림")) == ["알림 끄기", "알림 소리 바꾸기"]
    newer = snapshot.current()
    assert newer.generation > generation and newer.titles[second.pk] == "알림 끄기"
    assert shared.generation == generation  # a request holding the older one saw it unchanged
    assert second.pk >= shared.size or shared.titles[second.pk] == ""
    assert snapshot.current() is newer  # nothing written since: the same object

    first.title = "소리 바꾸기"
    first.save()
    second.status = Article.Status.DRAFT
    second.save()  # its row leaves the index; the snapshot still has its metadata, the ALL bitmap says no
    assert found("알림") == ["소리 바꾸기"]
    assert search("").count == 1


def test_a_rolled_back_write_never_reaches_the_shared_snapshot():
    make_article(title="결제 안내", body="<p>결제</p>")
    assert found("결제") == ["결제 안내"]
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(title="결제 취소 안내", body="<p>결제 취소</p>")
        assert sorted(found("결제")) == ["결제 안내", "결제 취소 안내"]  # its own transaction sees it
        raise RuntimeError("roll back")
    assert found("결제") == ["결제 안내"]
    # The next committed write takes the generation number the rolled-back one had.
    later = make_article(title="결제 수단 변경", body="<p>결제</p>")
    assert sorted(found("결제")) == ["결제 수단 변경", "결제 안내"]
    assert snapshot.current().titles[later.pk] == "결제 수단 변경"  # SQLite reuses the ghost's id too


def test_taxonomy_edits_reach_the_facets_at_once():
    first = make_article(title="결제 안내", category=make_category("결제", order=5), body="<p>결제</p>")
    make_article(title="결제 취소", category=make_category("환불", order=6), body="<p>결제</p>")
    assert [v.name for v in search("결제").facets["category"]] == ["결제", "환불"]

    refunds = first.category.__class__.objects.get(name="환불")
    refunds.order = 1  # not a field the index cares about, but the facet order is
    refunds.save()
    assert [v.name for v in search("결제").facets["category"]] == ["환불", "결제"]

    refunds.name = "환불/취소"
    refunds.save()
    assert [v.name for v in search("결제").facets["category"]] == ["환불/취소", "결제"]


def test_a_new_bitmap_vocabulary_reaches_the_shared_snapshot(settings):
    make_article(title="알림 안내", body="<p>알림 설정</p>")
    assert found("알림") == ["알림 안내"]
    assert ("body", "알림") not in snapshot.current().vocabulary  # far below the sample size
    settings.SEARCH_BITMAP_MIN_DF = 1
    index.rebuild_bitmaps()
    assert ("body", "알림") in snapshot.current().vocabulary
    assert found("알림") == ["알림 안내"]
