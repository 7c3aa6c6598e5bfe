from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.roles import EDITORS
from articles.tests.factories import staff_client
from insights.charts import daily_chart, nice_ceiling
from insights.models import SearchClick, SearchLog
from insights.reports import DateRangeForm, article_insight, search_report, today

from .conftest import seoul

pytestmark = pytest.mark.django_db

MARCH_1, MARCH_3 = date(2026, 3, 1), date(2026, 3, 3)


def log(query, when, results=3, clicks=()):
    entry = SearchLog.objects.create(query=query, result_count=results, created_at=when)
    for article, position in clicks:
        SearchClick.objects.create(search=entry, article=article, position=position, created_at=when)
    return entry


@pytest.fixture
def known_log(make_article):
    """10 searches over 1–3 March (Seoul), plus one just before and one just after the range."""
    password = make_article("비밀번호를 잊어버렸어요", view_count=120, helpful_count=3, not_helpful_count=1)
    backup = make_article("카카오톡 대화 백업하기")
    # 1 March: 비밀번호 ×4, the first at 00:05 Seoul (still 28 February in UTC); two get clicks.
    log("비밀번호", seoul(2026, 3, 1, 0).replace(minute=5), clicks=[(password, 1), (password, 1)])
    log("비밀번호", seoul(2026, 3, 1, 9), clicks=[(password, 2)])
    log("비밀번호", seoul(2026, 3, 1, 10))
    log("비밀번호", seoul(2026, 3, 1, 11))
    # 2 March: 환불 ×3 without results, 탈퇴 with results but nobody clicked.
    for hour in (8, 9, 10):
        log("환불", seoul(2026, 3, 2, hour), results=0)
    log("탈퇴", seoul(2026, 3, 2, 12), results=1)
    # 3 March: 카톡 백업 once empty (with filters), once found and clicked — at 23:30 Seoul, 14:30 UTC.
    log("카톡 백업", seoul(2026, 3, 3, 9), results=0)
    log("카톡 백업", seoul(2026, 3, 3, 23).replace(minute=30), results=2, clicks=[(backup, 1)])
    # Outside: 28 February 23:59 and 4 March 00:10, Seoul time.
    log("환불", seoul(2026, 2, 28, 23).replace(minute=59), results=0)
    log("비밀번호", seoul(2026, 3, 4, 0).replace(minute=10), clicks=[(password, 1)])
    return {"password": password, "backup": backup}


def rows(table):
    return [(row.query, row.searches, row.zero_results, row.clicked) for row in table]


def test_totals_and_click_through_rate(known_log):
    report = search_report(start=MARCH_1, end=MARCH_3)
    assert (report.searches, report.zero_results, report.clicked) == (10, 4, 3)
    assert report.ctr == pytest.approx(0.3)
    assert report.ctr_percent == "30%"
    assert report.zero_rate_percent == "40%"


def test_top_queries_with_their_own_click_through_rate(known_log):
    report = search_report(start=MARCH_1, end=MARCH_3)
    assert rows(report.top_queries) == [
        ("비밀번호", 4, 0, 2),
        ("환불", 3, 3, 0),
        ("카톡 백업", 2, 1, 1),
        ("탈퇴", 1, 0, 0),
    ]
    assert [row.ctr for row in report.top_queries] == [0.5, 0.0, 0.5, 0.0]


def test_zero_result_queries(known_log):
    report = search_report(start=MARCH_1, end=MARCH_3)
    assert [(row.query, row.zero_results) for row in report.zero_result_queries] == [("환불", 3), ("카톡 백업", 1)]


def test_queries_with_results_but_no_clicks(known_log):
    report = search_report(start=MARCH_1, end=MARCH_3)
    assert [(row.query, row.searches) for row in report.no_click_queries] == [("탈퇴", 1)]


def test_daily_series_uses_seoul_days_and_fills_gaps(known_log):
    report = search_report(start=date(2026, 2, 28), end=date(2026, 3, 5))
    assert [(d.day.day, d.searches, d.zero_results) for d in report.days] == [
        (28, 1, 1),
        (1, 4, 0),
        (2, 4, 3),
        (3, 2, 1),
        (4, 1, 0),
        (5, 0, 0),
    ]
    assert report.days[2].zero_rate == 0.75
    assert report.days[-1].zero_rate is None


def test_clicked_articles_and_per_article_insight(known_log):
    report = search_report(start=MARCH_1, end=MARCH_3)
    password, backup = known_log["password"], known_log["backup"]
    assert [(row.article_id, row.clicks) for row in report.top_articles] == [(password.pk, 3), (backup.pk, 1)]
    insight = article_insight(password, start=MARCH_1, end=MARCH_3)
    assert (insight.views, insight.helpful_ratio, insight.helpful_percent) == (120, 0.75, "75%")
    assert insight.queries == [("비밀번호", 3)]
    assert article_insight(password, start=MARCH_1, end=date(2026, 3, 4)).queries == [("비밀번호", 4)]
    assert article_insight(backup, start=MARCH_1, end=MARCH_3).helpful_ratio is None


def test_empty_range():
    report = search_report(start=MARCH_1, end=MARCH_3)
    assert (report.searches, report.ctr, report.ctr_percent, report.top_queries) == (0, None, "-", [])
    assert [d.searches for d in report.days] == [0, 0, 0]


def test_date_range_defaults_to_last_30_days_and_is_validated():
    form = DateRangeForm({})
    assert form.is_valid()
    assert form.cleaned_data["end"] == today()
    assert form.cleaned_data["start"] == today() - timedelta(days=29)
    assert not DateRangeForm({"start": "2026-03-05", "end": "2026-03-01"}).is_valid()
    assert not DateRangeForm({"start": "2024-01-01", "end": "2026-03-01"}).is_valid()
    assert not DateRangeForm({"start": "어제"}).is_valid()


def test_chart_geometry():
    report_days = search_report(start=MARCH_1, end=MARCH_3).days
    assert nice_ceiling(0) == 1 and nice_ceiling(4) == 5 and nice_ceiling(11) == 20 and nice_ceiling(50) == 50
    chart = daily_chart(report_days)
    assert [bar.height for bar in chart.bars] == [0, 0, 0]
    assert chart.rate_points == ""  # no searches: no rate to draw


def test_chart_scales_bars_and_rate_line(known_log):
    chart = daily_chart(search_report(start=MARCH_1, end=MARCH_3).days, width=348, height=248)
    # Plot area 252 × 200 from (48, 16); axis maximum 5 searches; three slots of 84.
    assert chart.max_searches == 5
    assert [(bar.y, bar.height) for bar in chart.bars] == [(56.0, 160.0), (56.0, 160.0), (136.0, 80.0)]
    assert chart.rate_points == "90.0,216.0 174.0,66.0 258.0,116.0"
    assert "검색 4회, 결과 없음 75%" in chart.bars[1].label


@pytest.fixture
def editor(client):
    return staff_client(client, EDITORS)


def test_report_page_renders_tables_chart_and_new_article_links(editor, known_log):
    response = editor.get(reverse("admin:insights_searchlog_report"), {"start": "2026-03-01", "end": "2026-03-03"})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<svg id="insights-daily-chart"')
    svg = html[start : html.index("</svg>", start)]
    assert svg.count('<rect class="bar"') == 3
    assert '<polyline class="zero-rate" points="' in svg
    assert "style=" not in svg
    assert 'id="insights-ctr">30%<' in html
    add_url = reverse("admin:articles_article_add")
    assert f'href="{add_url}?title=%ED%99%98%EB%B6%88"' in html  # 환불
    assert f'href="{add_url}?title=%EC%B9%B4%ED%86%A1%20%EB%B0%B1%EC%97%85"' in html  # 카톡 백업
    article_url = reverse("admin:insights_searchlog_article", args=[known_log["password"].pk])
    assert f'href="{article_url}?start=2026-03-01&amp;end=2026-03-03"' in html


def test_new_article_form_is_prefilled_with_the_query(editor):
    response = editor.get(reverse("admin:articles_article_add") + "?title=%ED%99%98%EB%B6%88")
    assert response.status_code == 200
    assert 'value="환불"' in response.content.decode()


def test_article_insight_page(editor, known_log):
    url = reverse("admin:insights_searchlog_article", args=[known_log["password"].pk])
    html = editor.get(url, {"start": "2026-03-01", "end": "2026-03-03"}).content.decode()
    assert "75%" in html and "3 / 4" in html and "비밀번호" in html and ">120<" in html


def test_invalid_range_falls_back_to_default_with_an_error(editor):
    response = editor.get(reverse("admin:insights_searchlog_report"), {"start": "2026-03-05", "end": "2026-03-01"})
    assert response.status_code == 200
    assert response.context["report"].end == today()
    assert "errorlist" in response.content.decode()


def test_staff_without_the_permission_and_the_public_are_kept_out(client):
    url = reverse("admin:insights_searchlog_report")
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(User.objects.create_user("intern", is_staff=True))
    assert client.get(url).status_code == 403


def test_search_log_admin_is_read_only(editor, known_log):
    response = editor.get(reverse("admin:insights_searchlog_changelist"))
    assert response.status_code == 200
    assert reverse("admin:insights_searchlog_report") in response.content.decode()
    entry = SearchLog.objects.first()
    assert editor.post(reverse("admin:insights_searchlog_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert editor.get(reverse("admin:insights_searchlog_add")).status_code == 403
