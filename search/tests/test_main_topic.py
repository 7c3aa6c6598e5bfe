"""One-word queries put the main article of a topic (a question answered per platform) first among
close scores (ranking.MAIN_TOPIC); the re-ranking reads on until it is exact."""

from types import SimpleNamespace

import pytest

from articles.tests.factories import make_article
from search import search
from search.backends.tantivy import TantivyBackend
from search.tests.test_search import ago, titles

pytestmark = pytest.mark.django_db


def test_a_one_word_query_lists_the_question_answered_per_platform_first():
    make_article(title="백업이 중간에 멈춰요", tags="백업", body="<p>백업이 멈추면 다시 시도해요.</p>", published_at=ago(1))
    for platform in ("공통", "iOS"):
        make_article(
            title="대화를 백업하고 싶어요", tags="백업", question_key="backup", platform=platform,
            body="<p>설정에서 대화 백업을 눌러 백업을 시작해요. 백업 파일은 암호로 보호돼요.</p>", published_at=ago(5),
        )
    assert titles(search("백업"))[0] == "대화를 백업하고 싶어요"
    # Two words ask about a case, not the topic: the closer match wins as before.
    assert titles(search("백업 멈춤"))[0] == "백업이 중간에 멈춰요"


class FakeSearcher:
    """Hits by score, best first, and each hit's question (0: no variants)."""

    def __init__(self, scored: list[tuple[float, int]]):
        self.rows = sorted(scored, reverse=True)
        self.reads = []

    def search(self, query, limit, count=False):
        self.reads.append(limit)
        return SimpleNamespace(hits=[(score, address) for address, (score, _) in enumerate(self.rows[:limit])])

    def fast_field_values(self, name, addresses):
        return [self.rows[a][1] for a in addresses]


def test_the_boost_reads_on_until_no_unread_document_could_reach_the_page():
    # Ten plain articles just above ten main-topic ones: boosted by 1.1 the main-topic ones win,
    # though a first read of 4 sees none of them.
    searcher = FakeSearcher([(10.0 - i * 0.01, 0) for i in range(10)] + [(9.8 - i * 0.01, 7) for i in range(10)])
    hits, exhausted = TantivyBackend._scored(None, searcher, None, 4, 1.1)
    best = sorted(hits, reverse=True)[:4]
    assert [searcher.rows[address][1] for _, address in best] == [7, 7, 7, 7]
    # After 16 the last read (9.75, boosted 10.725) is below the 4th best (9.77 boosted, 10.747):
    # nothing unread can reach the page.
    assert searcher.reads == [4, 16]
    assert not exhausted
    plain, _ = TantivyBackend._scored(None, searcher, None, 4, 1.0)
    assert [score for score, _ in plain] == [10.0, 9.99, 9.98, 9.97]
