"""The admin article list: readable columns, search over more than titles, the filters staff use,
and category pickers labelled `서비스 › 카테고리`."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from articles.models import Article, Category, Platform, Service
from articles.roles import PUBLISHERS
from articles.tests.factories import staff_client

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def publisher_client(client):
    return staff_client(client, PUBLISHERS)


@pytest.fixture
def shelf(db):
    talk = Service.objects.create(name="토크톡", order=1)
    pay = Service.objects.create(name="토크페이", order=2)
    talk_general = Category.objects.create(service=talk, name="일반")
    pay_general = Category.objects.create(service=pay, name="일반")
    android = Platform.objects.create(name="Android")
    ios = Platform.objects.create(name="iOS")
    common = {"status": Article.Status.PUBLISHED, "published_at": datetime(2026, 11, 30, 9, tzinfo=SEOUL)}
    refund = Article.objects.create(
        service=pay, category=pay_general, platform=android, title="2030년부터 요금제가 바뀌나요?",
        body="<p>결제 수단별 환불 일정은 아래를 확인하세요.</p>", tags="요금제, 환불", external_id="legacy-4471",
        question_key="plan-change", **common,
    )
    refund_ios = Article.objects.create(
        service=pay, category=pay_general, platform=ios, title="2030년부터 요금제가 바뀌나요? (iOS)",
        body="<p>앱스토어 구독은 애플에서 환불합니다.</p>", question_key="plan-change", **common,
    )
    lonely = Article.objects.create(
        service=talk, category=talk_general, platform=android, title="채팅방 알림이 오지 않아요",
        body="<p>알림 설정에서 채팅방 알림을 켜 주세요.</p>", status=Article.Status.DRAFT,
    )
    return locals()


def rows(response) -> list[str]:
    return [str(article) for article in response.context["cl"].result_list]


def test_title_comes_first_then_one_taxonomy_column_badge_and_short_dates(publisher_client, shelf):
    response = publisher_client.get(CHANGELIST)
    text = response.content.decode()

    headers = [column["class_attrib"] for column in response.context["result_headers"]]
    assert "column-title" in headers[1]  # after the selection checkbox
    assert "[토크페이][일반][Android]" in text
    assert '<span class="status-badge status-published">게시</span>' in text
    assert '<span class="status-badge status-draft">초안</span>' in text
    assert "2026.11.30" in text
    assert "admin-staff/article-admin.css" in text


def test_scheduled_article_has_its_own_badge(publisher_client, shelf):
    shelf["lonely"].status = Article.Status.PUBLISHED
    shelf["lonely"].published_at = datetime(2099, 1, 1, tzinfo=SEOUL)
    shelf["lonely"].save()
    assert "status-scheduled" in publisher_client.get(CHANGELIST).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("요금제가", {"2030년부터 요금제가 바뀌나요?", "2030년부터 요금제가 바뀌나요? (iOS)"}),  # title
        ("앱스토어", {"2030년부터 요금제가 바뀌나요? (iOS)"}),  # body text
        ("환불", {"2030년부터 요금제가 바뀌나요?", "2030년부터 요금제가 바뀌나요? (iOS)"}),  # tags and body
        ("legacy-4471", {"2030년부터 요금제가 바뀌나요?"}),  # external id
    ],
)
def test_search_covers_title_body_tags_and_external_id(publisher_client, shelf, query, expected):
    assert set(rows(publisher_client.get(CHANGELIST, {"q": query}))) == expected


def test_category_filter_is_labelled_with_its_service(publisher_client, shelf):
    text = publisher_client.get(CHANGELIST).content.decode()
    assert "토크톡 › 일반" in text and "토크페이 › 일반" in text

    response = publisher_client.get(CHANGELIST, {"category": shelf["talk_general"].pk})
    assert rows(response) == ["채팅방 알림이 오지 않아요"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"has_variants": "yes"}, {"2030년부터 요금제가 바뀌나요?", "2030년부터 요금제가 바뀌나요? (iOS)"}),
        ({"has_variants": "no"}, {"채팅방 알림이 오지 않아요"}),
        ({"status__exact": "draft"}, {"채팅방 알림이 오지 않아요"}),
    ],
)
def test_variant_and_status_filters(publisher_client, shelf, params, expected):
    assert set(rows(publisher_client.get(CHANGELIST, params))) == expected


def test_service_and_platform_filters(publisher_client, shelf):
    by_service = publisher_client.get(CHANGELIST, {"service__id__exact": shelf["talk"].pk})
    by_platform = publisher_client.get(CHANGELIST, {"platform__id__exact": shelf["ios"].pk})
    assert rows(by_service) == ["채팅방 알림이 오지 않아요"]
    assert rows(by_platform) == ["2030년부터 요금제가 바뀌나요? (iOS)"]


def test_a_bad_category_filter_value_is_no_error(publisher_client, shelf):
    assert publisher_client.get(CHANGELIST, {"category": "x'; drop"}).status_code in (200, 302)


def test_category_picker_groups_by_service_with_full_labels(publisher_client, shelf):
    text = publisher_client.get(reverse("admin:articles_article_add")).content.decode()

    assert '<optgroup label="토크톡">' in text and '<optgroup label="토크페이">' in text
    assert f'<option value="{shelf["pay_general"].pk}">토크페이 › 일반</option>' in text
    assert "admin-staff/admin-category.js" in text


def test_change_form_keeps_the_current_category_selected(publisher_client, shelf):
    article = shelf["refund"]
    text = publisher_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert f'<option value="{shelf["pay_general"].pk}" selected>토크페이 › 일반</option>' in text
