"""Numbers for the staff reports, read straight from the search log for a range of Seoul days."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SearchClick, SearchLog

REPORT_TIMEZONE = ZoneInfo("Asia/Seoul")
DEFAULT_DAYS = 30
MAX_DAYS = 366
ROW_LIMIT = 50


def today() -> date:
    return timezone.now().astimezone(REPORT_TIMEZONE).date()


class DateRangeForm(forms.Form):
    start = forms.DateField(label=_("시작일"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("종료일"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        end = data.get("end") or today()
        start = data.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError(_("시작일이 종료일보다 늦습니다."))
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(_("기간은 최대 %(days)s일입니다.") % {"days": MAX_DAYS})
        data.update(start=start, end=end)
        return data


def default_range() -> tuple[date, date]:
    end = today()
    return end - timedelta(days=DEFAULT_DAYS - 1), end


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) in Seoul time."""
    return (
        datetime.combine(start, time.min, REPORT_TIMEZONE),
        datetime.combine(end + timedelta(days=1), time.min, REPORT_TIMEZONE),
    )


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percent(value: float | None) -> str:
    """0.125 -> "12.5%", None (nothing to divide) -> "-"."""
    return "-" if value is None else f"{value * 100:.1f}%".replace(".0%", "%")


@dataclass
class QueryRow:
    query: str
    searches: int
    zero_results: int
    clicked: int  # searches with at least one click

    @property
    def ctr(self) -> float | None:
        return rate(self.clicked, self.searches)

    @property
    def ctr_percent(self) -> str:
        return percent(self.ctr)


@dataclass
class Day:
    day: date
    searches: int
    zero_results: int

    @property
    def zero_rate(self) -> float | None:
        return rate(self.zero_results, self.searches)


@dataclass
class ArticleRow:
    article_id: int
    title: str
    clicks: int


@dataclass
class SearchReport:
    start: date
    end: date
    searches: int
    zero_results: int
    clicked: int
    top_queries: list[QueryRow] = field(default_factory=list)
    zero_result_queries: list[QueryRow] = field(default_factory=list)
    no_click_queries: list[QueryRow] = field(default_factory=list)
    top_articles: list[ArticleRow] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)

    @property
    def ctr(self) -> float | None:
        """Click-through rate: share of searches followed by at least one result click."""
        return rate(self.clicked, self.searches)

    @property
    def zero_rate(self) -> float | None:
        return rate(self.zero_results, self.searches)

    @property
    def ctr_percent(self) -> str:
        return percent(self.ctr)

    @property
    def zero_rate_percent(self) -> str:
        return percent(self.zero_rate)


# Joining the clicks multiplies rows, hence distinct counts; a search without clicks joins NULL and isn't counted.
SEARCHES = Count("pk", distinct=True)
ZERO_RESULTS = Count("pk", filter=Q(result_count=0), distinct=True)
CLICKED = Count("clicks__search", distinct=True)


def _query_rows(rows) -> list[QueryRow]:
    return [QueryRow(r["query"], r["searches"], r["zero_results"], r["clicked"]) for r in rows]


def search_report(*, start: date, end: date, limit: int = ROW_LIMIT) -> SearchReport:
    logs = SearchLog.objects.between(*day_bounds(start, end))
    totals = logs.aggregate(searches=SEARCHES, zero_results=ZERO_RESULTS, clicked=CLICKED)
    per_query = logs.values("query").annotate(searches=SEARCHES, zero_results=ZERO_RESULTS, clicked=CLICKED)
    answered = logs.filter(result_count__gt=0).values("query").annotate(
        searches=SEARCHES, zero_results=ZERO_RESULTS, clicked=CLICKED
    )
    return SearchReport(
        start=start,
        end=end,
        **totals,
        top_queries=_query_rows(per_query.order_by("-searches", "query")[:limit]),
        zero_result_queries=_query_rows(
            per_query.filter(zero_results__gt=0).order_by("-zero_results", "-searches", "query")[:limit]
        ),
        no_click_queries=_query_rows(answered.filter(clicked=0).order_by("-searches", "query")[:limit]),
        top_articles=top_articles(start=start, end=end, limit=limit),
        days=daily(logs, start=start, end=end),
    )


def daily(logs, *, start: date, end: date) -> list[Day]:
    """One entry per Seoul day of the range, days without searches included as zeros."""
    counted = {
        row["day"]: row
        for row in logs.annotate(day=TruncDate("created_at", tzinfo=REPORT_TIMEZONE))
        .values("day")
        .annotate(searches=Count("pk"), zero_results=Count("pk", filter=Q(result_count=0)))
        .order_by("day")
    }
    days = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        row = counted.get(day, {})
        days.append(Day(day, row.get("searches", 0), row.get("zero_results", 0)))
    return days


def top_articles(*, start: date, end: date, limit: int = ROW_LIMIT) -> list[ArticleRow]:
    rows = (
        SearchClick.objects.filter(search__created_at__range=_inclusive(start, end))
        .values("article_id", "article__title")
        .annotate(clicks=Count("pk"))
        .order_by("-clicks", "article__title")[:limit]
    )
    return [ArticleRow(r["article_id"], r["article__title"], r["clicks"]) for r in rows]


def _inclusive(start: date, end: date) -> tuple[datetime, datetime]:
    low, high = day_bounds(start, end)
    return low, high - timedelta(microseconds=1)


@dataclass
class ArticleInsight:
    article: object
    views: int
    helpful: int
    not_helpful: int
    queries: list[tuple[str, int]]  # (query, clicks) that led to the article in the range

    @property
    def votes(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def helpful_ratio(self) -> float | None:
        return rate(self.helpful, self.votes)

    @property
    def helpful_percent(self) -> str:
        return percent(self.helpful_ratio)


def article_insight(article, *, start: date, end: date, limit: int = ROW_LIMIT) -> ArticleInsight:
    queries = (
        SearchClick.objects.filter(article=article, search__created_at__range=_inclusive(start, end))
        .values("search__query")
        .annotate(clicks=Count("pk"))
        .order_by("-clicks", "search__query")[:limit]
    )
    return ArticleInsight(
        article=article,
        views=article.view_count,
        helpful=article.helpful_count,
        not_helpful=article.not_helpful_count,
        queries=[(row["search__query"], row["clicks"]) for row in queries],
    )
