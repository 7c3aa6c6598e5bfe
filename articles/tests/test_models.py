from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Category, Platform, Service, make_slug, split_tags

pytestmark = pytest.mark.django_db


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


def test_category_name_is_unique_within_its_service_only(taxonomy):
    other = Service.objects.create(name="카카오계정")
    Category.objects.create(service=other, name="신고/이용제한/정책")
    with pytest.raises(ValidationError):
        Category(service=taxonomy["service"], name="신고/이용제한/정책", slug="x").validate_constraints()


def test_category_of_another_service_is_a_validation_error(taxonomy):
    account = Service.objects.create(name="카카오계정")
    wrong = Category.objects.create(service=account, name="카카오계정/로그인/인증")
    candidate = Article(
        service=taxonomy["service"], category=wrong, platform=taxonomy["platform"], title="로그인이 안 돼요", body="<p>x</p>"
    )
    with pytest.raises(ValidationError) as excinfo:
        candidate.full_clean()
    assert "category" in excinfo.value.message_dict
    assert "카카오톡" in excinfo.value.message_dict["category"][0]


def test_published_honours_status_and_publish_time(taxonomy):
    now = timezone.now()
    live = article(taxonomy, published_at=now - timedelta(minutes=1))
    article(taxonomy, title="예약된 공지", published_at=now + timedelta(days=1))
    article(taxonomy, title="작성 중인 초안", status=Article.Status.DRAFT)
    article(taxonomy, title="보관된 문서", status=Article.Status.ARCHIVED, published_at=now - timedelta(days=3))
    assert list(Article.objects.published()) == [live]


def test_without_body_reads_the_articles_as_the_orm_does_but_their_body(taxonomy, django_assert_num_queries):
    now = timezone.now().replace(microsecond=123456)
    first = article(taxonomy, published_at=now, tags="탈퇴, 계정 삭제")
    draft = article(taxonomy, title="작성 중인 초안", status=Article.Status.DRAFT)
    article(taxonomy, title="다른 문서")
    with django_assert_num_queries(1):
        found = {a.pk: a for a in Article.objects.without_body([draft.pk, first.pk, 10**9])}
    assert set(found) == {first.pk, draft.pk}  # any status; an unknown id is simply not there
    loaded = found[first.pk]
    assert loaded.published_at == now and loaded.tags == "탈퇴, 계정 삭제" and loaded.title == first.title
    assert loaded.service_id == first.service_id and loaded.version == first.version
    assert loaded.get_deferred_fields() == {"body"}
    assert loaded.body == first.body  # read on access, like defer("body")
    assert Article.objects.without_body([]) == []


def test_scheduled_article_becomes_public_when_its_time_comes(taxonomy):
    at = timezone.now() + timedelta(hours=2)
    scheduled = article(taxonomy, published_at=at)
    assert not Article.objects.published().exists()
    assert list(Article.objects.scheduled()) == [scheduled]
    assert list(Article.objects.published(now=at + timedelta(seconds=1))) == [scheduled]
    assert not scheduled.is_public


def test_inactive_taxonomy_hides_its_articles(taxonomy):
    article(taxonomy)
    Platform.objects.filter(pk=taxonomy["platform"].pk).update(is_active=False)
    assert not Article.objects.published().exists()


def test_is_published_agrees_with_the_published_queryset(taxonomy):
    now = timezone.now()
    service = taxonomy["service"]
    hidden_service = Service.objects.create(name="종료된 서비스", is_active=False)
    hidden_category = Category.objects.create(service=service, name="숨긴 분류", is_active=False)
    hidden_platform = Platform.objects.create(name="윈도우폰", is_active=False)
    cases = [
        {},
        {"published_at": now},  # the very moment counts as published
        {"published_at": now + timedelta(seconds=1)},
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.ARCHIVED, "published_at": now - timedelta(days=1)},
        {"service": hidden_service, "category": Category.objects.create(service=hidden_service, name="일반")},
        {"category": hidden_category},
        {"platform": hidden_platform},
    ]
    for fields in cases:
        article(taxonomy, **{"published_at": now - timedelta(hours=1), **fields})
    loaded = Article.objects.order_by("pk")
    assert [a.pk for a in loaded if a.is_published(now)] == list(Article.objects.published(now).order_by("pk").values_list("pk", flat=True))
    assert len(Article.objects.published(now)) == 2
    # Deactivated after loading: the relation read afresh says so.
    first = Article.objects.get(pk=loaded[0].pk)
    Service.objects.filter(pk=service.pk).update(is_active=False)
    assert not first.is_published(now)


def test_publishing_without_time_stamps_now(taxonomy):
    before = timezone.now()
    published = article(taxonomy, published_at=None)
    assert published.published_at >= before


def test_tags_are_normalised(taxonomy):
    tagged = article(taxonomy, tags=" 탈퇴,계정 삭제 , ,탈퇴,  회원   탈퇴")
    assert tagged.tags == "탈퇴, 계정 삭제, 회원 탈퇴"
    assert tagged.tag_list == ["탈퇴", "계정 삭제", "회원 탈퇴"]
    assert split_tags("") == []


def test_every_save_bumps_the_edit_version(taxonomy):
    a = article(taxonomy)
    assert a.version == 1
    a.title = "카카오톡 이용제한 해제 요청"
    a.save()
    a.refresh_from_db()
    assert a.version == 2


def test_platform_variants_link_only_public_siblings(taxonomy):
    ios = Platform.objects.create(name="iOS", order=1)
    android = Platform.objects.create(name="안드로이드", order=2)
    common = article(taxonomy, question_key="chat-backup", title="대화내용을 백업하고 싶어요")
    on_ios = article(taxonomy, question_key="chat-backup", platform=ios, title="대화내용을 백업하고 싶어요")
    article(taxonomy, question_key="chat-backup", platform=android, status=Article.Status.DRAFT, title="대화내용을 백업하고 싶어요")
    assert list(common.platform_variants()) == [on_ios]
    assert list(article(taxonomy, title="다른 질문").platform_variants()) == []


def test_published_article_needs_a_publish_time_in_the_database(taxonomy):
    a = article(taxonomy)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=a.pk).update(published_at=None)


@pytest.mark.django_db(transaction=True)
def test_flushing_the_database_also_empties_the_search_index(taxonomy):
    from django.core.management import call_command

    from search import search

    article(taxonomy)
    assert search("제한").count == 1
    call_command("flush", interactive=False, verbosity=0)
    # The index outlives the database; it sees the state it was built from is gone and empties.
    assert search("제한").count == 0
    assert search("").count == 0
