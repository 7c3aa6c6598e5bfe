"""The query-side measurement (bench/kiwi_query_side.py) without kiwipiepy installed: its mapping
from morphemes to query terms, its paired test, and that the site never needs the analyzer."""

import re
import sys
from pathlib import Path

import pytest

from bench.kiwi_query_side import INSTALL_HINT, Morpheme, content_morphemes, morpheme_terms, new_kiwi, paired_test

REPO = Path(__file__).resolve().parents[2]


def test_without_kiwipiepy_the_script_stops_with_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "kiwipiepy", None)  # import fails as when not installed

    with pytest.raises(SystemExit) as stopped:
        new_kiwi()

    assert stopped.value.code == INSTALL_HINT
    assert "pip install kiwipiepy" in INSTALL_HINT


def test_particles_endings_and_auxiliaries_are_dropped_and_a_noun_made_by_mieum_is_kept_as_written():
    text = "알림이 안 와요"
    morphemes = [
        Morpheme("알리", "VV", 0, 2), Morpheme("ᆷ", "ETN", 1, 2), Morpheme("이", "JKS", 2, 3),
        Morpheme("안", "MAG", 4, 5), Morpheme("오", "VV", 6, 7), Morpheme("어요", "EF", 6, 8),
    ]

    assert content_morphemes(text, morphemes) == ["알림", "안", "오"]


def test_a_verb_made_a_noun_by_gi_is_searched_by_its_stem():
    text = "단톡방 나가기"
    morphemes = [Morpheme("단톡방", "NNP", 0, 3), Morpheme("나가", "VV", 4, 6), Morpheme("기", "ETN", 6, 7)]

    assert content_morphemes(text, morphemes) == ["단톡방", "나가"]


def test_a_counter_stays_only_after_a_number_and_question_words_go():
    text = "14세 어떻게 수 있나요"
    morphemes = [
        Morpheme("14", "SN", 0, 2), Morpheme("세", "NNB", 2, 3), Morpheme("어떻", "VA", 4, 6),
        Morpheme("게", "EC", 6, 7), Morpheme("수", "NNB", 8, 9), Morpheme("있", "VA", 10, 11), Morpheme("나요", "EF", 11, 13),
    ]

    assert content_morphemes(text, morphemes) == ["14", "세", "있"]


def test_each_form_becomes_a_query_term_with_our_tokens():
    terms = morpheme_terms(["비밀번호", "iOS", "변경"])

    assert [(t.stem, t.tokens) for t in terms] == [
        ("비밀번호", ("비밀", "밀번", "번호")), ("ios", ("ios",)), ("변경", ("변경",)),
    ]
    assert not any(t.phrase for t in terms)


def test_paired_test_sees_no_difference_in_equal_rankings_and_a_clear_one_in_better_rankings():
    rules = [0.5, 0.7, 0.9, 0.4] * 10

    same = paired_test(rules, list(rules), rounds=500)
    better = paired_test(rules, [r + 0.1 for r in rules], rounds=500)

    assert (same["better"], same["worse"], same["p"]) == (0, 0, 1.0)
    assert better["better"] == 40 and better["mean_difference"] == pytest.approx(0.1)
    assert better["p"] < 0.01


def test_no_app_module_imports_kiwipiepy():
    importing = re.compile(r"^\s*(import|from)\s+kiwipiepy", re.M)
    app_files = [p for app in ("articles", "search", "insights", "helpcenter") for p in (REPO / app).rglob("*.py")]

    assert app_files
    assert [str(p) for p in app_files if importing.search(p.read_text(encoding="utf-8"))] == []
    assert "kiwipiepy" not in (REPO / "requirements.txt").read_text(encoding="utf-8")
