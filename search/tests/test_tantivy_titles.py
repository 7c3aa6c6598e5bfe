"""Title order through integers (search/backends/tantivy/titles.py): the integers never contradict
the text's order, and the first results are the text's order whatever ties the integers leave."""

import random

import pytest
from tantivy import Occur, Query

from search.analyzer import normalize
from search.backends.base import Checkpoint
from search.backends.tantivy import TantivyBackend
from search.backends.tantivy.schema import META_ID
from search.backends.tantivy.titles import LEVELS, first_by_title, title_orders

from .backend_tests import doc

# ASCII, compatibility jamo, syllables at both ends of their range, and characters that share a code
# (curly quotes, ①, Hanja, an emoji): the ranges' edges are where an order slip would be.
ALPHABET = [" ", "0", "9", "a", "z", "~", "\u3131", "\u318e", "가", "각", "비", "힣", "‘", "’", "①", "漢", "字", "😀", "ÿ"]


def _random_titles(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def title_order(title: str) -> tuple[int, ...]:
    return tuple(title_orders(title)[0])


def test_smaller_integers_never_mean_a_later_title():
    rng = random.Random(7)
    titles = sorted(set(_random_titles(rng, 20_000)) | {"가" * n for n in range(30)} | {"a" * n + "b" for n in range(40)})
    keys = [title_order(t) for t in titles]
    assert all(a <= b for a, b in zip(keys, keys[1:], strict=False))
    assert all(len(k) == LEVELS and all(0 <= v < 2**64 for v in k) for k in keys)


def test_whole_titles_with_equal_integers_are_equal():
    rng = random.Random(8)
    seen: dict[tuple[int, ...], str] = {}
    for title in _random_titles(rng, 20_000) + ["비밀번호 변경 방법 안내"]:
        key, whole = title_orders(title)
        if whole:
            assert seen.setdefault(tuple(key), title) == title
    # 256 bits: a syllable takes 15, a space 8
    assert title_orders("비밀번호 비밀번호 비밀번호 변경")[1] and not title_orders("비밀번호 비밀번호 비밀번호 변경 방법")[1]
    assert not title_orders("‘톡’")[1]


def test_titles_that_differ_in_their_first_syllables_or_ascii_get_different_integers():
    assert title_order("서비스 이용 안내") < title_order("서비스 탈퇴 안내")  # the 5th character still counts
    assert title_order("12세 서비스") < title_order("12세 서하")  # the 6th, in part
    assert title_order("비밀번호") < title_order("비밀번호 변경") < title_order("비밀번호를")
    assert title_order("ㅋㅋ 가") < title_order("가") < title_order("힣")
    assert title_order("") == (0,) * LEVELS
    # After a character that shares its code, nothing is packed: those titles are equal integers.
    assert title_order("‘가’ 안내") == title_order("’나’ 안내") == title_order("‘")


def _articles(schema) -> Query:
    """Every document but the checkpoint, as the backend's queries read them."""
    return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, Query.term_query(schema, "id", META_ID))])


@pytest.fixture
def searcher_of(tmp_path):
    def build(titles: dict[int, str]):
        backend = TantivyBackend({"PATH": str(tmp_path / "index")})
        assert backend.index([doc(pk, title) for pk, title in titles.items()], Checkpoint("e", 1, 1))
        live = backend.store.live()
        return live.view()[0], live.schema

    return build


def test_the_first_results_are_in_title_order_for_every_page_size(searcher_of):
    rng = random.Random(11)
    long = "비밀번호 변경 방법 안내 비밀번호 변경 {}"  # agrees past all the integers
    stems = ["서비스 이용 안내 {}", "서비스 {}", "서비스 이용 {}", "12세 서비스 {}", "‘톡서랍’ {}", "{}", "가 {}", long, long]
    titles = {pk: rng.choice(stems).format(rng.choice(["", "가", "나", "ㅋ", "a", "1"])) for pk in range(1, 121)}
    titles.update({pk: t for pk, t in enumerate(_random_titles(rng, 40), start=121)})
    searcher, schema = searcher_of(titles)
    order = sorted(titles, key=lambda pk: (normalize(titles[pk]), pk))
    articles = _articles(schema)
    for wanted in [1, 2, 3, 5, 8, 13, 30, 59, 100, 159, 160, 161, 200]:
        addresses, exhausted = first_by_title(searcher, schema, articles, wanted)
        ids = searcher.fast_field_values("id", addresses)
        assert ids == order[:wanted], wanted
        assert exhausted == (wanted >= len(titles))


def test_ties_are_ordered_within_the_query_s_matches_only(searcher_of):
    titles = {pk: "서비스 이용 안내" for pk in range(1, 31)} | {31: "가", 32: "하"}
    searcher, schema = searcher_of(titles)
    odd = Query.term_set_query(schema, "id", [pk for pk in titles if pk % 2])
    addresses, exhausted = first_by_title(searcher, schema, odd, 4)
    assert searcher.fast_field_values("id", addresses) == [31, 1, 3, 5]
    assert not exhausted


def test_a_first_integer_shared_past_the_matches_read_is_read_to_its_end(searcher_of):
    # 40 titles agree in their first 64 bits; with 2 wanted, 8 are read first (READ_AHEAD 4).
    titles = {pk: f"가나다라마바 {(pk * 17) % 40:02d}" for pk in range(1, 41)} | {41: "하"}
    searcher, schema = searcher_of(titles)
    assert len({title_order(t)[0] for t in titles.values()}) == 2
    articles = _articles(schema)
    order = sorted(titles, key=lambda pk: (titles[pk], pk))
    for wanted in (1, 2, 3, 10, 39, 40, 41):
        addresses, exhausted = first_by_title(searcher, schema, articles, wanted)
        assert searcher.fast_field_values("id", addresses) == order[:wanted]
        assert exhausted == (wanted >= 41)
