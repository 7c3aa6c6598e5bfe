"""The Tantivy backend passes the shared backend tests, and what is particular to it."""

import os
import re
import threading

import pytest

from search.backends.base import Checkpoint, FacetIds
from search.backends.tantivy import TantivyBackend
from search.backends.tantivy.schema import combination_number, combination_of

from .backend_tests import NOW, BackendTests, doc, plan


class TestTantivyBackend(BackendTests):
    @pytest.fixture
    def backend(self, tmp_path):
        return TantivyBackend({"PATH": str(tmp_path / "index")})

    def test_counting_runs_on_the_pool_and_its_failure_reaches_the_caller(self, backend, monkeypatch):
        """The page comes back while the counts are taken on another thread; reading them waits,
        and an error there is raised to whoever reads them, not lost."""
        backend.index([doc(1, "비밀번호 변경")], Checkpoint("e", 1, 1))
        counted_on, counting = [], backend._facets

        def watched(*args):
            counted_on.append(threading.current_thread())
            return counting(*args)

        monkeypatch.setattr(backend, "_facets", watched)
        found = self.search(backend, "비밀번호")
        assert [pk for pk, _ in found.hits] == [1] and found.count == 1
        assert counted_on and counted_on[0] is not threading.current_thread()

        def broken(*args):
            raise RuntimeError("aggregation failed")

        monkeypatch.setattr(backend, "_facets", broken)
        found = self.search(backend, "비밀번호")
        assert [pk for pk, _ in found.hits] == [1]
        with pytest.raises(RuntimeError, match="aggregation failed"):
            assert found.count is None  # never reached: reading raises

    def test_a_filler_part_in_most_articles_is_left_out_of_the_ranking(self, backend):
        """알림 안: 안 only ranks the articles with 알림. In more than half of the articles it is not
        read at all (queries._in_most); in fewer it still ranks."""
        from search.backends.tantivy import queries
        from search.backends.tantivy.words import look_up

        def scored_query(bodies):
            backend.index([doc(pk, f"문서 {pk}", body) for pk, body in enumerate(bodies, 1)], Checkpoint("e", 1, 1))
            searcher, _ = backend.store.live().view()
            schema, query = backend.store.live().schema, plan("알림 안")
            return repr(queries.text_query(searcher, schema, query, look_up(searcher, schema, query))[0])

        # 안 read as a part of its own: a term query of it (the whole-query phrase bonus holds it too,
        # as one term of a phrase).
        alone = re.compile(r'TermQuery\(Term\(field=\d+, type=Str, "안"\)\)')
        common = scored_query(["알림이 안 와요", "안 돼요", "안 열려요", "설정"])
        assert not alone.search(common) and "PhraseQuery" in common and '"알림"' in common
        assert alone.search(scored_query(["알림이 안 와요", "설정", "백업", "탈퇴"]))


def test_the_live_index_is_a_symlinked_version_and_old_versions_go(tmp_path):
    backend = TantivyBackend({"PATH": str(tmp_path)})
    backend.index([doc(1, "비밀번호 변경")], Checkpoint("e", 1, 1))
    first = os.readlink(tmp_path / "current")
    backend.rebuild([[doc(2, "결제 취소")]], Checkpoint("e", 2, 2))
    second = os.readlink(tmp_path / "current")
    assert first != second
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == [os.path.basename(second)]


def test_another_process_sees_a_rebuild_on_its_next_search(tmp_path):
    reader, writer = TantivyBackend({"PATH": str(tmp_path)}), TantivyBackend({"PATH": str(tmp_path)})
    writer.index([doc(1, "비밀번호 변경")], Checkpoint("e", 1, 1))
    assert reader.checkpoint(refresh=True) == Checkpoint("e", 1, 1)
    writer.rebuild([[doc(2, "결제 취소")]], Checkpoint("e", 2, 2))
    assert reader.checkpoint() == Checkpoint("e", 2, 2)  # the link moved: reopened


def test_an_index_of_another_schema_is_replaced_by_an_empty_one(tmp_path):
    import tantivy

    old = tmp_path / "versions" / "old"
    old.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True)
    tantivy.Index(builder.build(), path=str(old))
    os.symlink("versions/old", tmp_path / "current")
    backend = TantivyBackend({"PATH": str(tmp_path)})
    assert backend.checkpoint() == Checkpoint()  # empty: the change log fills it
    assert os.readlink(tmp_path / "current") != "versions/old"



@pytest.mark.django_db
def test_counting_matches_exactly_what_the_scored_query_matches(tmp_path, monkeypatch):
    """queries._matched reads the matches in a cheaper form; it must match the very same documents
    as the scored query, whatever the query's shape."""
    from tantivy import Query

    from search.backends.tantivy import queries
    from search.backends.tantivy.words import look_up

    synonyms = {"비번": ["비밀번호"], "정지": ["이용제한"], "변경": ["바꾸다"]}
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    backend = TantivyBackend({"PATH": str(tmp_path / "index")})
    texts = [
        ("비밀번호 변경", "설정에서 비밀번호를 바꿔요."), ("비밀 번호 찾기", "번호를 잊었어요."), ("친구 추가", "친구추가 버튼"),
        ("이용제한 안내", "정지된 계정"), ("이용 제한 해제", "기간이 끝나요."), ("대화 백업", "백업 비밀번호를 정해요."),
        ("알림이 오지 않아요", "iOS 설정"), ("비밀번효", "오타 문서"), ("번호 변경", "전화번호를 바꿔요."),
        ("이용제한 기간", "기간 안내"),
    ]
    backend.index([doc(i + 1, title, body) for i, (title, body) in enumerate(texts)], Checkpoint("e", 1, 1))
    searcher, _ = backend.store.live().view()
    schema = backend.store.live().schema
    for text in ["비밀번호", "비번", "비번변경", "친구추가", "정지", "이용제한", '"대화 백업"', '"비밀번호 변경" 찾기', "비밀번효",
                 "휴대폰번호변경", "알림 안 와요", "iOS 알림", "번호"]:
        query_plan = plan(text)
        scored, matches = queries.text_query(searcher, schema, query_plan, look_up(searcher, schema, query_plan))
        every = Query.all_query()
        by_score = searcher.search(Query.boolean_query([(queries.Occur.Must, scored), (queries.Occur.Must, every)]), 100, count=True).count
        by_count = searcher.search(Query.boolean_query([(queries.Occur.Must, matches), (queries.Occur.Must, every)]), 100, count=True).count
        assert by_score == by_count, text


def test_a_word_whose_first_and_last_bigram_are_in_most_bodies_matches_whole(tmp_path, monkeypatch):
    """이용제한 written apart (이용 제한) matches through its pieces while they are rare; where 이용 and
    제한 are each in more than half of the bodies the pieces are not read: the word matches whole
    only, and the scored query and the cheaper one for counting still agree."""
    from tantivy import Occur, Query

    from search.backends.tantivy import queries
    from search.backends.tantivy.words import look_up

    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: [])
    monkeypatch.setattr("search.facets.taxonomy", lambda key: {"service": [], "category": [], "platform": []})

    def search(bodies):
        backend = TantivyBackend({"PATH": str(tmp_path / f"index-{len(bodies)}")})
        backend.index([doc(pk, f"문서 {pk}", body) for pk, body in enumerate(bodies, 1)], Checkpoint("e", 1, 1))
        found = backend.search(plan("이용제한"), facets=FacetIds(), now=NOW, sort="relevance", offset=0, limit=10)
        searcher, _ = backend.store.live().view()
        schema = backend.store.live().schema
        scored, matches = queries.text_query(searcher, schema, plan("이용제한"), look_up(searcher, schema, plan("이용제한")))
        counts = [
            searcher.search(Query.boolean_query([(Occur.Must, q), (Occur.Must, Query.all_query())]), 10, count=True).count
            for q in (scored, matches)
        ]
        return [pk for pk, _ in found.hits], found.count, counts

    whole, apart = "계정 이용제한 안내", "이용 제한 해제 방법"
    rare = [whole, apart, "알림 설정", "백업 방법", "결제 취소"]
    assert search(rare) == ([1, 2], 2, [2, 2])  # the word whole first, then written apart
    common = [whole, apart, "이용 시간 제한", "서비스 이용 중 제한 안내", "알림 설정"]  # 4 of 5 have both
    assert search(common) == ([1], 1, [1, 1])


def test_a_word_written_apart_has_both_heads_in_one_field(tmp_path, monkeypatch):
    """이용 in the title and 제한 only in the body is not 이용제한 written apart."""
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: [])
    monkeypatch.setattr("search.facets.taxonomy", lambda key: {"service": [], "category": [], "platform": []})
    backend = TantivyBackend({"PATH": str(tmp_path / "index")})
    backend.index(
        [doc(1, "이용제한 안내", "기간"), doc(2, "이용 제한 해제", "방법"), doc(3, "이용 안내", "제한 사항"), doc(4, "알림", "설정")],
        Checkpoint("e", 1, 1),
    )
    found = backend.search(plan("이용제한"), facets=FacetIds(), now=NOW, sort="relevance", offset=0, limit=10)
    assert [pk for pk, _ in found.hits] == [1, 2] and found.count == 2


def test_combination_numbers_read_back_and_mark_ids_past_their_ranges():
    assert combination_of(combination_number(65_535, 1_048_575, 4_194_303)) == (65_535, 1_048_575, 4_194_303)
    assert combination_of(combination_number(3, 7, 1)) == (3, 7, 1)
    assert combination_number(1 << 16, 1, 1) == combination_number(1, 1 << 20, 1) == combination_number(1, 1, 1 << 22) == -1


@pytest.mark.parametrize("past_range", [False, True])
def test_counting_with_filters_reads_the_combinations_or_nested_columns_past_their_ranges(tmp_path, monkeypatch, past_range):
    """The counts of BackendTests.test_counts_under_several_selections, with platform 2 given an id
    past the combination's range: then the three columns are counted nested, else they are never read."""
    import search.backends.tantivy as tantivy_backend

    p2 = (1 << 22) + 2 if past_range else 2
    placed = [(1, 1, 1, 1), (2, 1, 1, p2), (3, 1, 2, 1), (4, 2, 3, p2), (5, 2, 3, 3), (6, 2, 4, 1)]
    backend = TantivyBackend({"PATH": str(tmp_path / "index")})
    assert backend.index([doc(pk, f"문서 {pk}", service=s, category=c, platform=p) for pk, s, c, p in placed], Checkpoint("e", 1, 10))
    if not past_range:
        monkeypatch.setattr(tantivy_backend, "COMBINATIONS", {"broken": {"terms": {"field": "no such field"}}})
    two = backend.search(plan(""), facets=FacetIds(service=(1,), platform=(p2, 3)), now=NOW, sort="newest", offset=0, limit=10)
    assert two.count == 1 and [pk for pk, _ in two.hits] == [2]
    assert two.facets == {"service": {1: 1, 2: 2}, "category": {1: 1}, "platform": {1: 2, p2: 1}}
