"""The default synonym groups shipped by migration 0003: present, editable, never duplicated."""

import importlib

import pytest
from django.apps import apps

from insights.models import SynonymGroup
from insights.synonyms import synonyms_for

shipped = importlib.import_module("insights.migrations.0003_default_synonyms")
verbs = importlib.import_module("insights.migrations.0004_default_verb_synonyms")
more = importlib.import_module("insights.migrations.0005_default_more_synonyms")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def defaults_installed():
    # A transactional test elsewhere may have flushed the table; start from the shipped state.
    SynonymGroup.objects.all().delete()
    shipped.install(apps, None)


def test_help_center_slang_finds_the_words_articles_use():
    assert "비밀번호" in synonyms_for("비번")
    assert "단체 채팅방" in synonyms_for("단톡방")
    assert "내보내기" in synonyms_for("강퇴")
    assert "이용제한" in synonyms_for("정지")
    assert {"도용", "보호조치"} <= set(synonyms_for("해킹"))
    assert {"피싱", "사칭"} <= set(synonyms_for("보이스피싱"))
    assert {"휴대폰", "휴대전화"} <= set(synonyms_for("폰"))
    assert "결제 수단" in synonyms_for("카드")
    assert "토크톡" in synonyms_for("토톡")


def test_shipped_terms_are_already_normalised():
    for group in SynonymGroup.objects.all():
        before = group.terms
        group.save()  # save() normalises; a shipped group must come out unchanged
        assert group.terms == before
        assert len(group.term_list) >= 2


def test_running_again_adds_nothing():
    count = SynonymGroup.objects.count()
    assert count == len(shipped.DEFAULT_GROUPS)
    shipped.install(apps, None)
    assert SynonymGroup.objects.count() == count


def test_running_again_restores_only_a_deleted_group():
    SynonymGroup.objects.get(terms__startswith="비밀번호,").delete()
    shipped.install(apps, None)
    assert SynonymGroup.objects.filter(terms__startswith="비밀번호,").count() == 1
    assert SynonymGroup.objects.count() == len(shipped.DEFAULT_GROUPS)


def test_reversing_keeps_groups_staff_edited_or_added():
    edited = SynonymGroup.objects.get(terms__startswith="비밀번호,")
    edited.terms = "비밀번호, 비번, 비밀 번호"
    edited.save()
    own = SynonymGroup.objects.create(terms="톡서랍, 서랍")
    shipped.uninstall(apps, None)
    assert set(SynonymGroup.objects.values_list("pk", flat=True)) == {edited.pk, own.pk}


@pytest.mark.parametrize(
    ("migration", "groups", "pairs"),
    [
        (verbs, verbs.VERB_GROUPS, [("바꾸다", "변경"), ("지우다", "삭제")]),  # verbs in dictionary form
        (more, more.GROUPS, [("파인더", "finder"), ("풀다", "해제"), ("꺼지다", "종료")]),
    ],
)
def test_later_groups_are_shipped_once_and_reversible(migration, groups, pairs):
    SynonymGroup.objects.all().delete()
    migration.install(apps, None)
    for term, synonym in pairs:
        assert synonym in synonyms_for(term)
    assert SynonymGroup.objects.count() == len(groups)
    migration.install(apps, None)
    assert SynonymGroup.objects.count() == len(groups)
    migration.uninstall(apps, None)
    assert SynonymGroup.objects.count() == 0
