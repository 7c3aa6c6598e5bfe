"""Re-scoring after BM25 (search/backends/tantivy/rescore.py): one-word queries put the main
article of a topic (a question answered per platform) first among close scores (MAIN_TOPIC), read
on until exact; results sharing the best result's tags come next (RELATED)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from articles.tests.factories import make_article, make_platform
from search import search
from search.backends.tantivy.rescore import PUBLIC_MARGIN, public, scored
from search.backends.tantivy.schema import META_ID
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
    """Hits by score, best first, each hit's question (0: no variants), and the publish times
    (`published`, by address; 0 when not given) and ids (the address + 1 unless given)."""

    def __init__(self, scored: list[tuple[float, int]], published: dict[int, int] | None = None, ids=None):
        self.rows = sorted(scored, reverse=True)
        self.published = published or {}
        self.ids = ids or {}
        self.reads = []

    def search(self, query, limit, count=False):
        self.reads.append(limit)
        return SimpleNamespace(hits=[(score, address) for address, (score, _) in enumerate(self.rows[:limit])])

    def fast_field_values(self, name, addresses):
        if name == "published":
            return [self.published.get(a, 0) for a in addresses]
        if name == "id":
            return [self.ids.get(a, a + 1) for a in addresses]
        return [self.rows[a][1] for a in addresses]

    def doc_freq(self, field, value):
        return sum(1 for _, question in self.rows if question)


def test_the_boost_reads_on_until_no_unread_document_could_reach_the_page():
    # Ten plain articles just above ten main-topic ones: boosted by 1.1 the main-topic ones win,
    # though a first read of 4 sees none of them.
    searcher = FakeSearcher([(10.0 - i * 0.01, 0) for i in range(10)] + [(9.8 - i * 0.01, 7) for i in range(10)])
    hits, exhausted = scored(searcher, None, 4, 1.1, NOW)
    best = sorted(hits, reverse=True)[:4]
    assert [searcher.rows[address][1] for _, address in best] == [7, 7, 7, 7]
    # Twice the wanted first (8, all plain: the last, 9.93, could still reach 10.923 boosted), then
    # four times that, which reads all 20 (each read with a margin for scheduled documents).
    assert searcher.reads == [8 + PUBLIC_MARGIN, 32 + PUBLIC_MARGIN]
    assert exhausted
    plain, _ = scored(searcher, None, 4, 1.0, NOW)
    assert [score for score, _ in plain] == [10.0, 9.99, 9.98, 9.97]
    searcher.rows = [(score, 0) for score, _ in searcher.rows]  # no question has variants
    searcher.reads = []
    scored(searcher, None, 4, 1.1, NOW)
    assert searcher.reads == [4 + PUBLIC_MARGIN]  # nothing to boost: one read


NOW = 1_000


def test_ranking_drops_the_scheduled_and_the_checkpoint_document_from_what_it_reads():
    # 30 documents; the best twelve are scheduled (published after NOW), and so is the 15th; the
    # 14th is the checkpoint document.
    published = {address: NOW + 60 for address in [*range(12), 14]} | {13: None}  # as the index gives it
    searcher = FakeSearcher([(100.0 - i, 0) for i in range(30)], published, ids={13: META_ID})
    hits, exhausted = public(searcher, None, 4, NOW)
    # A first read of 4 + margin finds none public: four times as many are read.
    assert searcher.reads == [4 + PUBLIC_MARGIN, 4 * (4 + PUBLIC_MARGIN)]
    assert [address for _, address in hits] == [12, 15, 16, 17]
    assert not exhausted
    # Asked for more than there are: all 16 public ones, and no more to read.
    searcher.reads = []
    hits, exhausted = public(searcher, None, 20, NOW)
    assert [address for _, address in hits] == [12, *range(15, 30)]
    assert exhausted
    # Published exactly at NOW is public.
    searcher = FakeSearcher([(1.0, 0)], {0: NOW})
    assert public(searcher, None, 4, NOW) == ([(1.0, 0)], True)


def test_a_scheduled_article_that_would_rank_first_is_left_out_and_the_rest_still_ranked():
    make_article(title="백업 안내", tags="백업", body="<p>백업 백업 백업</p>", published_at=timezone.now() + timedelta(days=1))
    for n in range(3):
        make_article(title=f"백업 질문 {n}", body="<p>백업을 해요.</p>", published_at=ago(n + 1))
    results = search("백업")
    assert results.count == 3
    assert titles(results) == ["백업 질문 0", "백업 질문 1", "백업 질문 2"]
    # A page of one is the best public one (the database would drop the scheduled one from a page
    # the index filled with it, leaving the page empty).
    assert titles(search("백업", page_size=1)) == ["백업 질문 0"]


def test_results_that_share_the_best_results_tags_come_next():
    make_article(title="같은 결제가 두 번 승인되었어요", tags="중복 결제, 환불", body="<p>중복 결제는 자동으로 취소돼요.</p>", published_at=ago(1))
    make_article(title="결제 내역을 보고 싶어요", tags="결제 내역", body="<p>결제 내역에서 결제를 확인해요.</p>", published_at=ago(2))
    make_article(title="환불받고 싶어요", tags="환불", body="<p>결제 취소 후 환불까지 며칠 걸려요.</p>", published_at=ago(3))
    for topic in ("알림", "백업", "신고"):
        make_article(title=f"{topic} 안내", tags=topic, body=f"<p>{topic} 설정을 확인해요.</p>")
    # The refund article says 결제 once, the history article three times; it shares the answer's
    # tag 환불, so it comes right after the answer.
    assert titles(search("중복 결제")) == ["같은 결제가 두 번 승인되었어요", "환불받고 싶어요", "결제 내역을 보고 싶어요"]
