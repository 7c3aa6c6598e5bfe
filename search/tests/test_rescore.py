"""Re-scoring after BM25 (search/backends/tantivy/rescore.py): one-word queries put the main
article of a topic (a question answered per platform) first among close scores (MAIN_TOPIC), read
on until exact; results sharing the best result's tags come next (RELATED)."""

from types import SimpleNamespace

import pytest

from articles.tests.factories import make_article, make_platform
from search import search
from search.backends.tantivy.rescore import scored
from search.tests.test_search import ago, titles

pytestmark = pytest.mark.django_db


def test_a_one_word_query_lists_the_question_answered_per_platform_first():
    # The same text on the same platform: without the boost the newer, plain article would come
    # first (a tie goes to the newer one).
    for order, name in enumerate(["공통", "iOS"]):
        make_platform(name, order=order)
    body = "<p>설정에서 백업을 눌러 백업을 시작해요. 멈추면 다시 시도해요.</p>"
    make_article(title="백업이 중간에 멈춰요", tags="백업", platform="공통", body=body, published_at=ago(1))
    for platform in ("공통", "iOS"):
        make_article(
            title="백업이 중간에 멈춰요", tags="백업", question_key="backup", platform=platform, body=body,
            published_at=ago(5),
        )
    first = search("백업").hits[0].article
    assert first.question_key == "backup"
    # Two words ask about a case, not the topic: the tie goes to the newer article as before.
    assert search("백업 멈춤").hits[0].article.question_key == ""


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

    def doc_freq(self, field, value):
        return sum(1 for _, question in self.rows if question)


def test_the_boost_reads_on_until_no_unread_document_could_reach_the_page():
    # Ten plain articles just above ten main-topic ones: boosted by 1.1 the main-topic ones win,
    # though a first read of 4 sees none of them.
    searcher = FakeSearcher([(10.0 - i * 0.01, 0) for i in range(10)] + [(9.8 - i * 0.01, 7) for i in range(10)])
    hits, exhausted = scored(searcher, None, 4, 1.1)
    best = sorted(hits, reverse=True)[:4]
    assert [searcher.rows[address][1] for _, address in best] == [7, 7, 7, 7]
    # Twice the wanted first (8, all plain: the last, 9.93, could still reach 10.923 boosted), then
    # four times that, which reads all 20.
    assert searcher.reads == [8, 32]
    assert exhausted
    plain, _ = scored(searcher, None, 4, 1.0)
    assert [score for score, _ in plain] == [10.0, 9.99, 9.98, 9.97]
    searcher.rows = [(score, 0) for score, _ in searcher.rows]  # no question has variants
    searcher.reads = []
    scored(searcher, None, 4, 1.1)
    assert searcher.reads == [4]  # nothing to boost: one read


def test_results_that_share_the_best_results_tags_come_next():
    make_article(title="같은 결제가 두 번 승인되었어요", tags="중복 결제, 환불", body="<p>중복 결제는 자동으로 취소돼요.</p>", published_at=ago(1))
    make_article(title="결제 내역을 보고 싶어요", tags="결제 내역", body="<p>결제 내역에서 결제를 확인해요.</p>", published_at=ago(2))
    make_article(title="환불받고 싶어요", tags="환불", body="<p>결제 취소 후 환불까지 며칠 걸려요.</p>", published_at=ago(3))
    for topic in ("알림", "백업", "신고"):
        make_article(title=f"{topic} 안내", tags=topic, body=f"<p>{topic} 설정을 확인해요.</p>")
    # The refund article says 결제 once, the history article three times; it shares the answer's
    # tag 환불, so it comes right after the answer.
    assert titles(search("중복 결제")) == ["같은 결제가 두 번 승인되었어요", "환불받고 싶어요", "결제 내역을 보고 싶어요"]
