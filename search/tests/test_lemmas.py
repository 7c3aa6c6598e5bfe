"""Verb stems behind conjugated query words (search/lemmas.py) and how search uses them."""

import pytest

from articles.tests.factories import make_article
from insights.models import SynonymGroup
from search import search
from search.lemmas import lookup_stems, past_syllable, searchable, verb_stems


@pytest.mark.parametrize(
    ("word", "stems"),
    [
        ("바꿨", ["바꿔", "바꾸"]),  # past ㅆ, then 워 -> 우
        ("바꿔", ["바꾸"]),
        ("들어와", ["들어오"]),  # 와 -> 오
        ("보냈", ["보내"]),
        ("보내져", ["보내"]),  # passive 져
        ("열림", ["열리"]),  # nominal ㅁ
        ("날아감", ["날아가"]),
        ("비밀번호", []),
        ("사진", []),  # a final ㄴ is never searched as a verb
        ("대화", []),  # nor a noun's 화 or 과
        ("결과", []),
        ("돼", []),  # one syllable: too short to tell
        ("사라졌", ["사라져", "사라지"]),  # 여 -> 이
        ("울려", ["울리"]),
        ("참여", []),  # ㅇ + 여 without a final: a noun as often as not
    ],
)
def test_verb_stems(word, stems):
    assert verb_stems(word) == stems


def test_nominal_and_past_forms():
    assert "풀" in lookup_stems("풀기")  # 정지 풀기 -> 풀다 -> 해제
    assert "끄" in lookup_stems("끄기")
    assert verb_stems("풀기") == []  # looked up only: 크기, 일기 are nouns
    assert past_syllable("찼") and past_syllable("됐")
    assert not past_syllable("차") and not past_syllable("a")


def test_adnominal_stems_are_for_lookup_only():
    assert lookup_stems("지운") == ["지우"]
    assert lookup_stems("살릴") == ["살리"]
    assert lookup_stems("사진") == ["사지"]  # harmless: only looked up in synonym groups
    assert verb_stems("지운") == []


def test_dictionary_forms_are_searched_by_their_stem():
    assert searchable("바꾸다") == "바꾸"
    assert searchable("변경하다") == "변경"
    assert searchable("비밀번호") == "비밀번호"
    assert searchable("바다") == "바다"  # two syllables: kept


@pytest.mark.django_db
def test_a_typed_verb_finds_the_noun_articles_use():
    SynonymGroup.objects.create(terms="변경, 바꾸다")
    SynonymGroup.objects.create(terms="삭제, 지우다")
    make_article(title="비밀번호 변경 안내", body="<p>설정에서 변경합니다.</p>")
    make_article(title="대화 삭제하기", body="<p>채팅방에서 삭제합니다.</p>")
    make_article(title="프로필 꾸미기", body="<p>프로필 화면</p>")
    assert [h.article.title for h in search("비밀번호 바꿨어요").hits][0] == "비밀번호 변경 안내"
    assert [h.article.title for h in search("비밀번호를 바꾸고 싶어요").hits][0] == "비밀번호 변경 안내"
    assert [h.article.title for h in search("지운 대화").hits][0] == "대화 삭제하기"
    # The noun finds the verb's articles too (at the synonym weight).
    make_article(title="번호를 바꾸고 싶어요", body="<p>번호</p>")
    assert "번호를 바꾸고 싶어요" in [h.article.title for h in search("변경").hits]
