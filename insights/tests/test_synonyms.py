
import pytest

from insights.models import SynonymGroup, split_terms
from insights.synonyms import synonyms_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_default_groups():
    """These tests build their own groups; the defaults shipped by migration 0003 are tested on their own."""
    SynonymGroup.objects.all().delete()


def test_terms_are_normalised_and_deduplicated():
    assert split_terms(" 탈퇴,계정  삭제, 탈퇴 ,ＡＮＤＲＯＩＤ,,") == ["탈퇴", "계정 삭제", "android"]
    group = SynonymGroup.objects.create(terms="안드로이드,Android ,갤럭시")
    assert group.terms == "안드로이드, android, 갤럭시"


def test_a_term_finds_the_other_members_of_its_group():
    SynonymGroup.objects.create(terms="탈퇴, 계정 삭제, 회원 탈퇴")
    SynonymGroup.objects.create(terms="카톡, 카카오톡")
    assert synonyms_for("탈퇴") == ["계정 삭제", "회원 탈퇴"]
    assert synonyms_for("계정 삭제") == ["탈퇴", "회원 탈퇴"]
    assert synonyms_for("카톡") == ["카카오톡"]
    assert synonyms_for("로그인") == []
    assert synonyms_for("") == []


def test_lookup_is_normalised_like_the_groups():
    SynonymGroup.objects.create(terms="안드로이드, android, 갤럭시")
    assert synonyms_for("ANDROID") == ["안드로이드", "갤럭시"]
    assert synonyms_for("ａｎｄｒｏｉｄ") == ["안드로이드", "갤럭시"]


def test_a_term_in_two_groups_gets_both():
    SynonymGroup.objects.create(terms="탈퇴, 계정 삭제")
    SynonymGroup.objects.create(terms="탈퇴, 회원 탈퇴")
    assert synonyms_for("탈퇴") == ["계정 삭제", "회원 탈퇴"]


def test_changes_take_effect_immediately_in_this_process():
    group = SynonymGroup.objects.create(terms="카톡, 카카오톡")
    assert synonyms_for("카톡") == ["카카오톡"]
    group.terms = "카톡, 카카오톡, kakaotalk"
    group.save()
    assert synonyms_for("카톡") == ["카카오톡", "kakaotalk"]
    group.delete()
    assert synonyms_for("카톡") == []


def test_other_processes_pick_up_changes_at_the_next_search_state():
    from search.changes import record, state

    group = SynonymGroup.objects.create(terms="카톡, 카카오톡")
    assert synonyms_for("카톡", state()) == ["카카오톡"]
    # Another process edits the row and records the change: no signal reaches this one.
    SynonymGroup.objects.filter(pk=group.pk).update(terms="카톡, 카카오 톡")
    assert synonyms_for("카톡", state()) == ["카카오톡"]  # same state: the map it has
    record()
    assert synonyms_for("카톡", state()) == ["카카오 톡"]


def test_hot_path_costs_no_query_once_loaded(django_assert_num_queries):
    from search.changes import state

    SynonymGroup.objects.create(terms="카톡, 카카오톡")
    current = state()
    synonyms_for("카톡", current)
    with django_assert_num_queries(0):
        for term in ["카톡", "탈퇴", "로그인", "비밀번호"]:
            synonyms_for(term, current)


def test_a_group_needs_two_terms():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(terms="탈퇴, 탈퇴").full_clean()
