"""What the search page shows around its results: applied-filter chips, their links, the count of
filters for the phone's "필터 (n)" button, and the search context an article page links back to."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

from search import FACETS, SearchResults

# Parameters that describe a search; an article reached from one carries them to link back.
SEARCH_CONTEXT_PARAMETERS = ("q", "service", "category", "platform", "sort", "page")
# Chips in the order the filter panel lists its groups.
CHIP_FACETS = ("category", "platform", "service")


@dataclass(frozen=True)
class FilterChip:
    facet: str
    slug: str
    name: str
    remove_url: str  # this search without this one value


def _query(params: QueryDict, *, drop: tuple[str, str] | None = None, facets: bool = True) -> str:
    """`params` without the page (a changed filter starts at page 1), one value or every facet value."""
    pairs = [
        (key, value)
        for key, values in params.lists()
        if key != "page" and (facets or key not in FACETS)
        for value in values
        if (key, value) != drop
    ]
    return "?" + urlencode(pairs)


def filter_chips(params: QueryDict, results: SearchResults) -> list[FilterChip]:
    """One chip per applied facet value (names from the facets; the search validated the slugs)."""
    chips = []
    for facet in CHIP_FACETS:
        names = {v.slug: v.name for v in results.facets.get(facet, [])}
        for slug in dict.fromkeys(params.getlist(facet)):
            if slug in names:
                chips.append(FilterChip(facet, slug, names[slug], _query(params, drop=(facet, slug))))
    return chips


def without_filters_url(params: QueryDict) -> str:
    """The same search with every facet value removed (query and sort kept)."""
    return _query(params, facets=False)


def search_context(params: QueryDict) -> str:
    """The search parameters as a query string ("" when there is no search), for result links."""
    pairs = [(key, value) for key in SEARCH_CONTEXT_PARAMETERS for value in params.getlist(key)[:20] if value]
    return urlencode(pairs)
