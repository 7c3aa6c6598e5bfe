"""The shapes the search API returns; the website, the JSON API and the benchmark rely on them."""

from dataclasses import dataclass, field

SORTS = ("relevance", "newest", "popular", "title")
FACETS = ("service", "category", "platform")


@dataclass(frozen=True)
class SearchFilters:
    """Selected slugs per facet: OR within a facet, AND across facets."""

    service: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    platform: tuple[str, ...] = ()


@dataclass
class SearchHit:
    article: "object"  # articles.models.Article with service, category, platform loaded
    title_highlighted: str  # safe HTML: escaped text with <mark>…</mark>
    snippet: str  # safe HTML: escaped text with <mark>…</mark>, fragments joined with "…"
    score: float = 0.0
    # The question's public variants in platform order (`article` among them) when it has several:
    # one result per question, its other platforms shown as links.
    variants: list = field(default_factory=list)


@dataclass
class FacetValue:
    slug: str
    name: str
    count: int
    selected: bool
    parent_slug: str = ""  # categories: the slug of their service
    parent_name: str = ""


@dataclass
class SearchResults:
    query: str  # the normalised query actually searched (cut to the length limit)
    hits: list[SearchHit]
    count: int
    page: int
    num_pages: int
    page_size: int
    sort: str
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Set when the query as typed found nothing and these are the results of its correction
    # (`query` is then the corrected text): "‘비밀번호’ 검색 결과입니다. ‘비밀번효’(으)로 검색".
    corrected_from: str = ""
    # Content words of the query that no article contains whole: the query is worth correcting.
    unmatched: tuple[str, ...] = ()
