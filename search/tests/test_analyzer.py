"""The Korean analyzer on its own: normalisation, tokens, query terms; any string is safe."""


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.analyzer import (
    BOUNDARY,
    LOW_INFORMATION,
    canonical,
    char_class,
    html_blocks,
    html_to_text,
    index_text,
    normalize,
    query_terms,
    run_stream,
    runs,
    stream,
    strip_suffix,
    syllables,
    word_term,
)


def test_normalize_applies_nfkc_lowercases_latin_and_drops_control_characters():
    assert normalize("ＫａｋａｏＴａｌｋ　iOS\x00버전\t\n") == "kakaotalk ios 버전"
    assert normalize("①２") == "12"
    assert normalize("ﾊﾝｸﾞﾙ") == "ハングル"


def test_hangul_runs_become_bigrams_and_latin_and_digits_stay_words():
    assert stream(normalize("이용제한/임시조치를")) == ["이용", "용제", "제한", "임시", "시조", "조치", "치를"]
    assert stream(normalize("PC버전 12세 iOS15")) == ["pc", "버전", "12", "세", "ios", "15"]


def test_index_text_is_the_stream_and_syllables_come_once_each():
    assert index_text("비밀번호 변경") == "비밀 밀번 번호 변경"
    assert syllables("비밀번호 변경, 만 14세") == "비 밀 번 호 변 경 만 세"


def test_runs_split_on_punctuation_and_emoji():
    assert [r.text for r in runs(normalize("더보기 > 설정 > 개인/보안 😀 ok"))] == ["더보기", "설정", "개인", "보안", "ok"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("백업을", "백업"),
        ("탈퇴하면", "탈퇴"),
        ("제한되었어요", "제한"),
        ("비밀번호를", "비밀번호"),
        ("변경하고", "변경"),
        ("카카오톡에서", "카카오톡"),
        ("한도", "한도"),  # stem would be one syllable: a noun, kept
        ("결과", "결과"),
        ("설정", "설정"),
        # nouns that end like an ending keep it; their particles still go
        ("이용제한", "이용제한"),
        ("이용제한을", "이용제한"),
        ("메시지", "메시지"),
        ("메시지를", "메시지"),
        ("친구추가", "친구추가"),
        ("잠금화면", "잠금화면"),
        ("토크페이", "토크페이"),
        # one syllable stays only in the past tense: 찼어요 as articles write 찼다고
        ("찼어요", "찼"),
        ("됐어요", "됐"),
        ("나아요", "나아"),
        ("얼마인가요", "얼마"),
    ],
)
def test_strip_suffix_removes_particles_and_endings_but_keeps_short_nouns(word, stem):
    assert strip_suffix(word) == stem


def test_word_term_drops_a_particle_after_latin_and_keeps_compounds():
    assert word_term("iOS에서").tokens == ("ios",)
    assert word_term("PC버전").tokens == ("pc", "버전")
    assert word_term("이용제한을").stem == "이용제한"


def test_query_terms_strip_endings_drop_question_words_and_keep_quoted_phrases():
    terms = query_terms('비밀번호를 변경하고 싶어요 "대화 내용"')
    assert [(t.stem, t.phrase) for t in terms] == [
        ("대화 내용", True), ("비밀번호", False), ("변경", False),
        ("대화", False), ("내용", False),  # the phrase's words rank too; the phrase decides what matches
    ]
    assert terms[0].tokens == ("대화", "내용")


def test_what_is_questions_lose_their_question_word():
    assert [t.stem for t in query_terms("임시조치가 뭐예요")] == ["임시조치"]
    assert [t.stem for t in query_terms("송금 한도가 얼마인가요")] == ["송금", "한도", "얼마"]
    assert {"해야", "방법", "언제", "얼마", "있을까", "되었", "않아"} <= LOW_INFORMATION


def test_query_of_only_question_words_still_searches_them():
    assert [t.text for t in query_terms("어떻게")] == ["어떻게"]


def test_canonical_keeps_words_only():
    assert canonical("카카오톡 이용이 제한되었어요?!") == "카카오톡 이용이 제한되었어요"


def test_blocks_of_a_field_are_kept_apart_by_a_token_no_query_makes():
    body = "<table><tr><td>iOS</td><td>파일 앱 &gt; 나의 iPhone</td></tr></table><p></p><p>끝</p>"
    assert html_blocks(body) == ["iOS", "파일 앱 > 나의 iphone".replace("iphone", "iPhone"), "끝"]
    assert index_text(html_blocks(body)) == f"ios {BOUNDARY} 파일 앱 나의 iphone {BOUNDARY} 끝"
    assert index_text(["", "비밀번호", ""]) == "비밀 밀번 번호"  # no boundary without a block on both sides
    assert all(BOUNDARY not in term.tokens for term in query_terms(f"iOS {BOUNDARY} 파일"))


@pytest.mark.parametrize(
    "body",
    ["<p>첫 줄</p><p>둘째 &amp; 셋째</p>", "앞<br>뒤 &lt;p&gt;", "<ul><li><b>굵게</b> 보통</li><li></li></ul>끝", ""],
)
def test_html_to_text_is_the_blocks_joined(body):
    assert html_to_text(body) == " ".join(html_blocks(body))


def test_html_to_text_separates_blocks_and_unescapes():
    assert html_to_text("<p>첫 줄</p><p>둘째 &amp; 셋째</p>") == "첫 줄 둘째 & 셋째"


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_analyses_to_safe_tokens(text):
    for token in index_text(text).split() + syllables(text).split() + [t for term in query_terms(text) for t in term.tokens]:
        assert token
        assert token == normalize(token)
        assert all(ch.isalnum() for ch in token), token  # never quotes, operators, spaces or NUL


def _reference_stream(text: str) -> list[str]:
    """The definition the fast tokenizer must agree with: character classes one by one."""
    out, kind, start = [], None, 0
    for i, ch in enumerate(text + " "):
        k = char_class(ch) if i < len(text) else None
        if k != kind:
            if kind is not None:
                from search.analyzer import Run

                out += run_stream(Run(kind, text[start:i]))
            kind, start = k, i
    return out


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text() | st.text(alphabet="가나다라 abcXYZ0189éß١٢½_-/·"))
def test_fast_tokenizer_matches_the_character_class_definition(text):
    text = normalize(text)
    assert stream(text) == _reference_stream(text)


def test_query_words_split_on_punctuation_like_documents():
    assert [t.text for t in query_terms("이용제한/임시조치")] == ["이용제한", "임시조치"]
    assert [t.text for t in query_terms("PC버전 iOS에서")] == ["pc 버전", "ios 에서"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.sampled_from(["&|!():*<->'", '"', "\\", "\x00"]))
@pytest.mark.django_db
def test_any_text_searches_without_error(text):
    from search import search

    results = search(text)
    assert results.count >= 0
    assert len(results.query) <= 200
