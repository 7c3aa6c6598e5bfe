"""Behaviour every search backend must have, written once (in the spirit of Wagtail's BackendTests).

A backend's test module subclasses `BackendTests` and provides the `backend` fixture; the tests
talk to the backend through the interface in search/backends/base.py only, with documents built by
hand, so they prove the backend and nothing else.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from search.backends.base import Checkpoint, FacetIds
from search.documents import IndexDocument
from search.query import QueryPlan, plan_query

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
NO_SYNONYMS = ("test", 0)


def doc(article_id: int, title: str, body: str = "", *, service=1, category=1, platform=1, hours_ago=1, views=0, group="") -> IndexDocument:
    from search.analyzer import canonical, index_text, normalize, syllables

    return IndexDocument(
        article_id=article_id, service_id=service, category_id=category, platform_id=platform,
        group=group or f"#{article_id}", published_at=NOW - timedelta(hours=hours_ago), views=views,
        title_sort=normalize(title), title_key=canonical(title), title=index_text(title), keywords="",
        body=index_text(body), title_syllables=syllables(title), keywords_syllables="", body_syllables=syllables(body),
    )


def plan(text: str) -> QueryPlan:
    return plan_query(text, NO_SYNONYMS)


class BackendTests:
    @pytest.fixture
    def backend(self):
        raise NotImplementedError("a backend's test module provides it")

    @pytest.fixture(autouse=True)
    def no_database(self, monkeypatch):
        """Plans without the database: no synonyms, no taxonomy words."""
        monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: [])
        monkeypatch.setattr("search.facets.taxonomy", lambda key: {"service": [], "category": [], "platform": []})

    @pytest.fixture
    def indexed(self, backend):
        docs = [
            doc(1, "비밀번호를 잊어버렸어요", "로그인 화면에서 비밀번호 재설정을 누르세요.", views=5, hours_ago=3),
            doc(2, "비밀번호 변경 방법", "설정에서 비밀번호를 바꿀 수 있어요.", platform=2, views=50, hours_ago=2),
            doc(3, "대화 내용 백업", "톡서랍에 대화를 백업하세요.", service=2, category=3, views=1, hours_ago=1),
            doc(4, "예약된 공지", "아직 공개되지 않은 비밀번호 안내", hours_ago=-5),
        ]
        assert backend.index(docs, Checkpoint("e", 1, 10))
        return docs

    def search(self, backend, text, *, facets=None, sort="relevance", offset=0, limit=10):
        return backend.search(plan(text), facets=facets or FacetIds(), now=NOW, sort=sort, offset=offset, limit=limit)

    def test_matches_count_and_rank_by_relevance(self, backend, indexed):
        found = self.search(backend, "비밀번호")
        assert found.count == 2  # article 4 is scheduled: not public yet
        assert {pk for pk, _ in found.hits} == {1, 2}
        assert all(score > 0 for _, score in found.hits)

    def test_publish_time_is_judged_at_query_time(self, backend, indexed):
        later = backend.search(plan("비밀번호"), facets=FacetIds(), now=NOW + timedelta(hours=6), sort="relevance", offset=0, limit=10)
        assert later.count == 3

    def test_facet_counts_ignore_their_own_selection(self, backend, indexed):
        found = self.search(backend, "", facets=FacetIds(platform=(2,)), sort="newest")
        assert [pk for pk, _ in found.hits] == [2]
        assert found.facets["platform"] == {1: 2, 2: 1}
        assert found.facets["service"] == {1: 1}

    def test_sorts(self, backend, indexed):
        assert [pk for pk, _ in self.search(backend, "", sort="newest").hits] == [3, 2, 1]
        assert [pk for pk, _ in self.search(backend, "", sort="popular").hits] == [2, 1, 3]
        assert [pk for pk, _ in self.search(backend, "", sort="title").hits] == [3, 2, 1]  # 대 < 비밀번호 변 < 비밀번호를

    def test_title_order_is_exact_across_pages_where_titles_share_their_first_characters(self, backend):
        from search.analyzer import normalize

        stems = ["비밀번호 변경 {}", "비밀번 {}", "비밀 {}", "가 {}", "가나다라 {}", "가나다 {}", "Ab{}", "ab {}", "같은 제목"]
        titles = {pk: stems[pk * 7 % len(stems)].format(pk % 13) for pk in range(1, 91)}
        # A word in a few titles: tied ones (같은), and ones whose first characters all differ.
        titles.update({91: "같은 제목 희귀", 92: "같은 제목 희귀", 93: "같은 희귀", 94: "가 하나", 95: "나 하나", 96: "다 하나"})
        assert backend.index([doc(pk, title) for pk, title in titles.items()], Checkpoint("e", 1, 10))

        def in_order(pks):  # code points, then the lower id
            return sorted(pks, key=lambda pk: (normalize(titles[pk]), pk))

        listed = []
        for offset in range(0, 96, 7):
            listed += [pk for pk, _ in self.search(backend, "", sort="title", offset=offset, limit=7).hits]
        assert listed == in_order(titles)
        for word, pks in (("희귀", [91, 92, 93]), ("하나", [94, 95, 96])):
            assert [pk for pk, _ in self.search(backend, word, sort="title", limit=2).hits] == in_order(pks)[:2]
            assert [pk for pk, _ in self.search(backend, word, sort="title", offset=2, limit=2).hits] == in_order(pks)[2:]

    def test_counts_under_several_selections(self, backend):
        """Each facet counted under the other facets' selections, the total under all of them, with
        two and three facets filtered and with a selection that matches nothing (worked out by hand)."""
        # id, service, category, platform; article 6 fails two selections of the first search
        placed = [(1, 1, 1, 1), (2, 1, 1, 2), (3, 1, 2, 1), (4, 2, 3, 2), (5, 2, 3, 3), (6, 2, 4, 1)]
        docs = [doc(pk, f"문서 {pk}", service=s, category=c, platform=p) for pk, s, c, p in placed]
        assert backend.index(docs, Checkpoint("e", 1, 10))
        two = self.search(backend, "", facets=FacetIds(service=(1,), platform=(2, 3)), sort="newest")
        assert two.count == 1 and [pk for pk, _ in two.hits] == [2]
        assert two.facets == {"service": {1: 1, 2: 2}, "category": {1: 1}, "platform": {1: 2, 2: 1}}
        three = self.search(backend, "", facets=FacetIds(service=(1, 2), category=(1, 3), platform=(1,)), sort="newest")
        assert three.count == 1
        assert three.facets == {"service": {1: 1}, "category": {1: 1, 2: 1, 4: 1}, "platform": {1: 1, 2: 2, 3: 1}}
        nothing = self.search(backend, "", facets=FacetIds(platform=()), sort="newest")
        assert nothing.count == 0 and nothing.hits == []
        assert nothing.facets == {"service": {}, "category": {}, "platform": {1: 3, 2: 2, 3: 1}}

    def test_pages(self, backend, indexed):
        assert [pk for pk, _ in self.search(backend, "", sort="newest", offset=1, limit=1).hits] == [2]
        assert self.search(backend, "", sort="newest", offset=1, limit=1).count == 3

    def test_quoted_phrases_match_in_order(self, backend, indexed):
        assert [pk for pk, _ in self.search(backend, '"비밀번호 변경"').hits] == [2]
        assert self.search(backend, '"변경 비밀번호"').count == 0

    def test_one_syllable_terms(self, backend, indexed):
        assert {pk for pk, _ in self.search(backend, "톡").hits} == {3}

    def test_replace_and_remove_with_checkpoints(self, backend, indexed):
        assert backend.checkpoint(refresh=True) == Checkpoint("e", 1, 10)
        assert backend.index([replace(indexed[2], title="대화 복원", title_key="대화 복원", title_sort="대화 복원")], Checkpoint("e", 2, 11))
        assert self.search(backend, "대화").count == 1
        assert backend.remove([3], Checkpoint("e", 3, 12))
        assert self.search(backend, "대화").count == 0
        assert backend.checkpoint() == Checkpoint("e", 3, 12)

    def test_one_writer_at_a_time(self, backend, indexed):
        with backend.session() as first:
            assert first is not None
            with backend.session() as second:
                assert second is None  # refused at once, never waits
        with backend.session() as again:
            assert again is not None

    def test_rebuild_swaps_in_a_new_index_while_searches_go_on(self, backend, indexed):
        before = self.search(backend, "비밀번호").count

        def batches():
            yield [doc(7, "비밀번호 재설정 메일")]
            # Mid-rebuild, searches still answer from the live index.
            assert self.search(backend, "비밀번호").count == before
            yield [doc(8, "결제 취소")]

        assert backend.rebuild(batches(), Checkpoint("f", 1, 1)) == 2
        assert [pk for pk, _ in self.search(backend, "비밀번호").hits] == [7]
        assert backend.checkpoint() == Checkpoint("f", 1, 1)

    def test_type_ahead_needs_every_word_in_the_title_and_gives_one_per_question(self, backend):
        backend.index(
            [doc(1, "비밀번호 변경 방법", views=5, group="pw"), doc(2, "비밀번호 변경 방법", views=9, platform=2, group="pw"),
             doc(3, "비밀번호를 잊었어요", views=1), doc(4, "변경 내역", "비밀번호", views=99)],
            Checkpoint("e", 1, 1),
        )
        assert backend.suggest(plan("비밀번호 변경"), now=NOW, limit=8) == [2]
        assert backend.suggest(plan("비밀번호"), now=NOW, limit=8) == [2, 3]

    def test_unmatched_terms_are_reported(self, backend, indexed):
        assert self.search(backend, "비밀번효 변경").unmatched == ("비밀번효",)
        assert self.search(backend, "비밀번호 변경").unmatched == ()

    @pytest.fixture
    def variants(self, backend):
        """Question "pw" on platforms 1-3, question "bk" on two (category 2), and two articles alone."""
        docs = [
            doc(1, "비밀번호 변경 방법", "공통 안내", platform=1, group="pw", views=3, hours_ago=5),
            doc(2, "비밀번호 변경 방법", "아이폰 안내", platform=2, group="pw", views=9, hours_ago=4),
            doc(3, "비밀번호 변경 방법", "안드로이드 안내", platform=3, group="pw", views=1, hours_ago=3),
            doc(4, "비밀번호 잊음", "비밀번호 찾기", platform=1, views=5, hours_ago=2),
            doc(5, "백업 비밀번호", "비밀번호 백업", category=2, platform=1, group="bk", views=2, hours_ago=6),
            doc(6, "백업 비밀번호", "비밀번호 백업", category=2, platform=2, group="bk", views=4, hours_ago=1),
            doc(7, "대화 백업", "대화 내용", service=2, category=3, platform=2, views=7, hours_ago=7),
        ]
        assert backend.index(docs, Checkpoint("e", 1, 1))
        return docs

    def test_one_result_per_question_with_its_matching_variants(self, backend, variants):
        found = self.search(backend, "비밀번호")
        listed = [pk for pk, _ in found.hits]
        assert found.count == len(listed) == 3  # pw, 4, bk
        question = {1: "pw", 2: "pw", 3: "pw", 4: "4", 5: "bk", 6: "bk"}
        assert sorted(question[pk] for pk in listed) == ["4", "bk", "pw"]
        pw = next(pk for pk in listed if pk in {1, 2, 3})
        assert set(found.members[pw]) == {1, 2, 3} and found.members[pw][0] == pw
        assert 4 not in found.members  # an article alone has no members entry

    def test_questions_are_counted_in_facets(self, backend, variants):
        found = self.search(backend, "비밀번호")
        assert found.facets["category"] == {1: 2, 2: 1}  # pw and 4; bk
        assert found.facets["service"] == {1: 3}
        assert found.facets["platform"] == {1: 3, 2: 2, 3: 1}  # each platform's variant is a result of its own
        browse = self.search(backend, "", sort="newest")
        assert browse.count == 4 and browse.facets["service"] == {1: 3, 2: 1}

    def test_a_platform_filter_lists_that_platforms_variants(self, backend, variants):
        found = self.search(backend, "비밀번호", facets=FacetIds(platform=(2,)))
        assert sorted(pk for pk, _ in found.hits) == [2, 6]
        assert found.count == 2
        assert found.facets["platform"] == {1: 3, 2: 2, 3: 1}
        assert found.facets["category"] == {1: 1, 2: 1}
        every = self.search(backend, "비밀번호", facets=FacetIds(service=(1,), category=(1, 2), platform=(1, 2)))
        assert every.count == 3 == len(every.hits)  # pw (1 and 2 are one), 4, bk (5 and 6 are one)

    def test_pages_count_questions(self, backend, variants):
        pages = [self.search(backend, "", sort="newest", offset=offset, limit=2) for offset in (0, 2)]
        assert [len(p.hits) for p in pages] == [2, 2] and pages[0].count == 4
        # Newest first by each question's newest article: 6 (bk), 4, 3 (pw), 7.
        assert [pk for p in pages for pk, _ in p.hits] == [6, 4, 3, 7]
        assert self.search(backend, "", sort="popular", limit=10).hits[0][0] == 2  # pw by its most viewed

    def test_a_question_filed_in_two_categories_is_two_results(self, backend):
        backend.index(
            [doc(1, "잠금 설정", category=1, platform=1, group="lock"), doc(2, "잠금 설정", category=1, platform=2, group="lock"),
             doc(3, "잠금 설정", category=2, platform=3, group="lock")],
            Checkpoint("e", 1, 1),
        )
        found = self.search(backend, "잠금")
        assert found.count == len(found.hits) == 2
        assert found.facets["category"] == {1: 1, 2: 1}
        assert found.facets["platform"] == {1: 1, 2: 1, 3: 1}
