"""Phrases in the body are read through pairs of tokens, four-syllable words as one term of the
quads: the same matches and scores as a plain phrase over the tokens."""

from dataclasses import replace

import pytest
import tantivy
from tantivy import Occur, Query

from search.analyzer import BOUNDARY, index_text
from search.backends.base import Checkpoint
from search.backends.tantivy import TantivyBackend
from search.backends.tantivy.schema import in_field, pairs, quads

from .backend_tests import doc

BODIES = [
    "비밀번호 변경은 설정에서 해요. 비밀번호 변경 후 다시 로그인하세요.",
    "번호 변경", "비밀 번호를 바꿔요", "변경 비밀번호",  # apart, alone, reversed
    ["비밀번호", "변경 안내"],  # two blocks: not the phrase
    "하하하하 웃음", "하하 하하", "대화 내용 백업은 대화 내용을 지키는 방법",
    "iOS 12 버전에서 비밀번호 변경", "알림 설정 방법과 알림 설정 이유",
    "대화내 내용도", "대화내용을 대화내용과 대화 내용",  # 대화 화내 내용 across two words; twice whole, once apart
    "대화내용 " * 30,  # a long body: BM25's length normalisation must agree
]
PHRASES = [
    "비밀번호", "비밀번호 변경", "번호 변경", "하하하", "하하 하하", "대화 내용", "대화 내용 백업",
    "ios 12", "12 버전에서 비밀번호", "알림 설정 방법", "변경 비밀번호", "설정 방법과 알림",
    "하하하하", "대화내용", "대화 내용", "비밀 번호를", "로그인하세요", "내용 백업",
]


def test_pairs_keep_each_token_position_and_never_join_blocks():
    stream = f"a b {BOUNDARY} c d e {BOUNDARY} f"
    assert pairs(stream) == f"a_b {BOUNDARY} {BOUNDARY} c_d d_e {BOUNDARY} {BOUNDARY} {BOUNDARY}"
    assert len(pairs(stream).split()) == len(stream.split())
    assert pairs("") == "" and pairs("a") == BOUNDARY


def test_quads_spell_three_overlapping_bigrams_at_the_first_ones_position():
    stream = f"비밀 밀번 번호 호를 {BOUNDARY} 하하 하하 하하 ios 12 대화 화내"
    assert quads(stream) == " ".join(
        ["비밀번호", "밀번호를", BOUNDARY, BOUNDARY, BOUNDARY, "하하하하", BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY]
    )
    assert len(quads(stream).split()) == len(stream.split())
    # Not overlapping (비밀 번호: a phrase of them spans two words), or not all Hangul bigrams.
    assert quads("비밀 번호 변경") == " ".join([BOUNDARY] * 3)
    assert quads("대화 화내 내") == " ".join([BOUNDARY] * 3)
    assert quads("") == "" and quads("비밀 밀번") == f"{BOUNDARY} {BOUNDARY}"


@pytest.fixture
def indexes(tmp_path):
    """Our index, and a plain one whose body phrase is read over the tokens themselves."""
    backend = TantivyBackend({"PATH": str(tmp_path / "ours")})
    documents = [replace(doc(i + 1, f"제목 {i}"), body=index_text(body)) for i, body in enumerate(BODIES)]
    backend.index(documents, Checkpoint("e", 1, 1))
    live = backend.store.live()
    ours, _ = live.view()

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", fast=True, indexed=True)
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="position")
    plain_schema = builder.build()
    plain = tantivy.Index(plain_schema)
    plain_writer = plain.writer(15_000_000)
    plain_writer.add_document(tantivy.Document(id=-1, body=""))  # ours holds a checkpoint document
    for i, body in enumerate(BODIES):
        plain_writer.add_document(tantivy.Document(id=i + 1, body=index_text(body)))
    plain_writer.commit()
    plain.reload()
    return (ours, live.schema), (plain.searcher(), plain_schema)


def _plain_phrase(schema, tokens) -> Query:
    if len(tokens) == 1:
        return Query.term_query(schema, "body", tokens[0])
    return Query.phrase_query(schema, "body", list(tokens))


def _scores(searcher, query) -> dict[int, float]:
    hits = searcher.search(query, 100, count=False).hits
    ids = searcher.fast_field_values("id", [address for _, address in hits])
    return {pk: score for pk, (score, _) in zip(ids, hits, strict=True)}


def test_a_phrase_through_pairs_matches_and_scores_as_over_its_tokens(indexes):
    from search.analyzer import normalize, stream

    (ours, schema), (plain, plain_schema) = indexes
    for text in PHRASES:
        tokens = stream(normalize(text))
        expected = _scores(plain, _plain_phrase(plain_schema, tokens))
        found = _scores(ours, in_field(schema, "body", tokens, ours))
        assert found.keys() == expected.keys(), text
        assert expected, text  # every phrase here is in some body
        for pk, score in expected.items():
            assert found[pk] == pytest.approx(score, rel=1e-3), (text, pk)


def test_without_the_searcher_a_phrase_only_matches(indexes):
    """Counting needs no scores: the pairs alone, no statistics read."""
    (ours, schema), (plain, plain_schema) = indexes
    tokens = ["비밀", "밀번", "번호", "변경"]
    query = Query.boolean_query([(Occur.Must, in_field(schema, "body", tokens))])
    assert set(_scores(ours, query)) == set(_scores(plain, _plain_phrase(plain_schema, tokens))) == {1, 9}
