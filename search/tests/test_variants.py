"""One result per question through search(): which variant is shown, its platform links, counts."""

import pytest

from articles.tests.factories import make_article, make_platform
from search import SearchFilters, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup_question():
    """The same question on 공통, iOS, 안드로이드 and PC, plus one article alone."""
    for order, name in enumerate(["공통", "iOS", "안드로이드", "PC"]):
        make_platform(name, order=order)
    variants = {
        name: make_article(
            title="대화 백업하기", body=f"<p>{name}에서 대화를 백업하는 방법</p>", platform=name, question_key="backup"
        )
        for name in ["공통", "iOS", "안드로이드", "PC"]
    }
    alone = make_article(title="백업 파일 보관 기간", body="<p>백업 파일은 30일 보관됩니다.</p>", platform="공통")
    return variants, alone


def shown(results) -> list[str]:
    return [f"{hit.article.title}/{hit.article.platform.name}" for hit in results.hits]


def test_variants_are_one_result_counted_once(backup_question):
    results = search("백업")
    assert results.count == 2 == len(results.hits)
    assert sorted(shown(results)) == ["대화 백업하기/공통", "백업 파일 보관 기간/공통"]
    counts = {v.name: v.count for v in results.facets["platform"]}
    assert counts == {"공통": 2, "iOS": 1, "안드로이드": 1, "PC": 1}


@pytest.mark.parametrize(
    ("device", "platform"), [("ios", "iOS"), ("android", "안드로이드"), ("pc", "PC"), ("mac", "공통"), ("", "공통")]
)
def test_the_visitors_device_picks_the_variant(backup_question, device, platform):
    results = search("대화 백업", device=device)
    assert shown(results)[0] == f"대화 백업하기/{platform}"
    assert "<mark>" in results.hits[0].snippet  # the shown variant's own snippet
    assert platform in results.hits[0].snippet or platform == "공통"


def test_a_platform_named_in_the_query_beats_the_device(backup_question):
    assert shown(search("iOS 대화 백업", device="android"))[0] == "대화 백업하기/iOS"


def test_the_result_links_every_public_platform(backup_question):
    variants, _ = backup_question
    variants["PC"].status = "draft"
    variants["PC"].save()
    hit = search("대화 백업", device="ios").hits[0]
    assert [v.platform.name for v in hit.variants] == ["공통", "iOS", "안드로이드"]
    assert hit.article in hit.variants
    assert search("보관 기간").hits[0].variants == []


def test_a_platform_filter_lists_only_that_variant(backup_question):
    results = search("백업", filters=SearchFilters(platform=("ios",)), device="android")
    assert shown(results) == ["대화 백업하기/iOS"] and results.count == 1


def test_pages_hold_questions(backup_question):
    for n in range(25):
        make_article(title=f"백업 안내 {n}", platform="iOS", question_key=f"guide-{n}")
        make_article(title=f"백업 안내 {n}", platform="안드로이드", question_key=f"guide-{n}")
    first, second = search("백업", page=1, page_size=20), search("백업", page=2, page_size=20)
    assert first.count == second.count == 27 and first.num_pages == 2
    assert len(first.hits) == 20 and len(second.hits) == 7
    keys = [hit.article.question_key or hit.article.pk for hit in first.hits + second.hits]
    assert len(set(keys)) == 27
