"""The public filter and sort parameters, built and validated by django-filter.

One FilterSet serves the search page, the JSON search API and the category page: the search
views read its cleaned form into `search()` arguments, the category page uses its `.qs`.
Choices come from the active taxonomy, so an unknown slug is a form error naming its parameter
and user input never reaches a database query as a lookup value.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from search import SearchFilters

from .models import Article, Category, Platform, Service

SORT_CHOICES = [
    ("relevance", _("정확도순")),
    ("newest", _("최신순")),
    ("popular", _("조회순")),
    ("title", _("제목순")),
]
# Category listings have no query to rank by.
LISTING_SORT_CHOICES = SORT_CHOICES[1:]
LISTING_ORDER = {
    "newest": ["-published_at", "-pk"],
    "popular": ["-view_count", "-published_at", "-pk"],
    "title": ["title", "pk"],
}
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100


def service_choices():
    return [(s.slug, s.name) for s in Service.objects.active()]


def category_choices():
    return [
        (c.slug, c.name)
        for c in Category.objects.active().filter(service__is_active=True).select_related("service")
    ]


def platform_choices():
    return [(p.slug, p.name) for p in Platform.objects.active()]


class SearchParamsForm(forms.Form):
    """The parameters that are not filters: the query and the page window."""

    q = forms.CharField(label=_("검색어"), required=False, strip=True)
    page = forms.IntegerField(label=_("페이지"), required=False, min_value=1, max_value=MAX_PAGE)
    page_size = forms.IntegerField(label=_("페이지 크기"), required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    # Search the query exactly as typed, without correcting a misspelling that finds nothing.
    exact = forms.BooleanField(label=_("입력한 그대로 검색"), required=False)


class ListingFilter(django_filters.FilterSet):
    """A category page: filter by platform and sort; service and category come from the URL."""

    platform = django_filters.MultipleChoiceFilter(
        field_name="platform__slug", choices=platform_choices, label=_("플랫폼")
    )
    sort = django_filters.ChoiceFilter(
        choices=LISTING_SORT_CHOICES, method="sort_by", label=_("정렬 기준"), empty_label=None
    )

    class Meta:
        model = Article
        fields = ["platform", "sort"]
        form = SearchParamsForm

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*LISTING_ORDER.get(value, LISTING_ORDER["newest"]))

    def valid_data(self) -> dict:
        """Cleaned values of the valid parameters; invalid ones fall back to their defaults.

        The HTML pages use this to show a normalised page instead of an error.
        """
        self.form.is_valid()
        return self.form.cleaned_data

    def filter_queryset(self, queryset):
        data = self.valid_data()
        queryset = queryset.order_by(*LISTING_ORDER["newest"])
        for name, value in data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


class ArticleFilter(ListingFilter):
    """Search page and search API: every facet, every sort, the query and the page window."""

    service = django_filters.MultipleChoiceFilter(
        field_name="service__slug", choices=service_choices, label=_("서비스")
    )
    category = django_filters.MultipleChoiceFilter(
        field_name="category__slug", choices=category_choices, label=_("카테고리")
    )
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="sort_by", label=_("정렬 기준"), empty_label=None)

    class Meta:
        model = Article
        fields = ["service", "category", "platform", "sort"]
        form = SearchParamsForm

    def search_kwargs(self, *, default_page_size: int = 20) -> dict:
        """Arguments for `search.search()` from the valid cleaned parameters."""
        data = self.valid_data()
        return {
            "query": data.get("q") or "",
            "filters": SearchFilters(
                service=tuple(data.get("service") or ()),
                category=tuple(data.get("category") or ()),
                platform=tuple(data.get("platform") or ()),
            ),
            "sort": data.get("sort") or None,
            "page": data.get("page") or 1,
            "page_size": data.get("page_size") or default_page_size,
            "correct": not data.get("exact"),
        }


def first_error(form: forms.Form) -> tuple[str, str]:
    """(parameter, message) of the first invalid parameter."""
    name, errors = next(iter(form.errors.items()))
    return name, str(errors[0])

