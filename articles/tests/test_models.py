from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Category, Platform, Service, make_slug, split_tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk():
    service = Service.objects.create(name="카카오톡")
    return {
        "service": service,
        "category": Category.objects.create(service=service, name="신고/이용제한/정책"),
        "platform": Platform.objects.create(name="공통"),
    }


def article(taxonomy, **fields):
    values = {
        "title": "카카오톡 이용이 제한되었어요",
        "body": "<p>운영정책을 위반하면 이용이 제한될 수 있습니다.</p>",
        "status": Article.Status.PUBLISHED,
        **taxonomy,
        **fields,
    }
    return Article.objects.create(**values)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("카카오톡", "카카오톡"),
        ("신고/이용제한/정책", "신고-이용제한-정책"),
        ("안드로이드 (원스토어)", "안드로이드-원스토어"),
        ("iOS", "ios"),
        ("가입/변경/탈퇴", "가입-변경-탈퇴"),
    ],
)
def test_korean_names_get_usable_slugs(name, slug):
    assert make_slug(name) == slug


def test_category_slug_stays_unique_across_services():
    talk = Service.objects.create(name="카카오톡")
    account = Service.objects.create(name="카카오계정")
    first = Category.objects.create(service=talk, name="일반")
    second = Category.objects.create(service=account, name="일반")
    assert (first.slug, second.slug) == ("일반", "카카오계정-일반")


def test_category_name_is_unique_within_its_service_only(talk):
    other = Service.objects.create(name="카카오계정")
    Category.objects.create(service=other, name="신고/이용제한/정책")
    with pytest.raises(ValidationError):
        Category(service=talk["service"], name="신고/이용제한/정책", slug="x").validate_constraints()


def test_category_of_another_service_is_a_validation_error(talk):
    account = Service.objects.create(name="카카오계정")
    wrong = Category.objects.create(service=account, name="카카오계정/로그인/인증")
    candidate = Article(
        service=talk["service"], category=wrong, platform=talk["platform"], title="로그인이 안 돼요", body="<p>x</p>"
    )
    with pytest.raises(ValidationError) as excinfo:
        candidate.full_clean()
    assert "category" in excinfo.value.message_dict
    assert "카카오톡" in excinfo.value.message_dict["category"][0]


def test_published_honours_status_and_publish_time(talk):
    now = timezone.now()
    live = article(talk, published_at=now - timedelta(minutes=1))
    article(talk, title="예약된 공지", published_at=now + timedelta(days=1))
    article(talk, title="작성 중인 초안", status=Article.Status.DRAFT)
    article(talk, title="보관된 문서", status=Article.Status.ARCHIVED, published_at=now - timedelta(days=3))
    assert list(Article.objects.published()) == [live]


def test_scheduled_article_becomes_public_when_its_time_comes(talk):
    at = timezone.now() + timedelta(hours=2)
    scheduled = article(talk, published_at=at)
    assert not Article.objects.published().exists()
    assert list(Article.objects.scheduled()) == [scheduled]
    assert list(Article.objects.published(now=at + timedelta(seconds=1))) == [scheduled]
    assert not scheduled.is_public


def test_inactive_taxonomy_hides_its_articles(talk):
    article(talk)
    Platform.objects.filter(pk=talk["platform"].pk).update(is_active=False)
    assert not Article.objects.published().exists()


def test_publishing_without_time_stamps_now(talk):
    before = timezone.now()
    published = article(talk, published_at=None)
    assert published.published_at >= before


def test_tags_are_normalised(talk):
    tagged = article(talk, tags=" 탈퇴,계정 삭제 , ,탈퇴,  회원   탈퇴")
    assert tagged.tags == "탈퇴, 계정 삭제, 회원 탈퇴"
    assert tagged.tag_list == ["탈퇴", "계정 삭제", "회원 탈퇴"]
    assert split_tags("") == []


def test_every_save_bumps_the_edit_version(talk):
    a = article(talk)
    assert a.version == 1
    a.title = "카카오톡 이용제한 해제 요청"
    a.save()
    a.refresh_from_db()
    assert a.version == 2


def test_platform_variants_link_only_public_siblings(talk):
    ios = Platform.objects.create(name="iOS", order=1)
    android = Platform.objects.create(name="안드로이드", order=2)
    common = article(talk, question_key="chat-backup", title="대화내용을 백업하고 싶어요")
    on_ios = article(talk, question_key="chat-backup", platform=ios, title="대화내용을 백업하고 싶어요")
    article(talk, question_key="chat-backup", platform=android, status=Article.Status.DRAFT, title="대화내용을 백업하고 싶어요")
    assert list(common.platform_variants()) == [on_ios]
    assert list(article(talk, title="다른 질문").platform_variants()) == []


def test_published_article_needs_a_publish_time_in_the_database(talk):
    a = article(talk)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=a.pk).update(published_at=None)


@pytest.mark.django_db(transaction=True)
def test_flushing_the_database_also_empties_the_search_index(talk):
    from django.core.management import call_command

    from articles.models import SearchDocument
    from articles.search import search

    article(talk)
    assert SearchDocument.objects.count() == 1
    call_command("flush", interactive=False, verbosity=0)
    assert SearchDocument.objects.count() == 0
    assert search("제한").count == 0
