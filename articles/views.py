from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from helpcenter.ratelimit import rate_limit
from insights.suggest import did_you_mean
from search import FacetValue, SearchFilters, SearchResults, search

from .context_processors import base_url
from .devices import SCAN_FACTOR, by_device, one_per_question, popular_questions, request_device
from .feedback import VOTE_FIELD, count_view, record_vote, vote_of, vote_proof
from .filters import LISTING_SORT_CHOICES, SORT_CHOICES, ArticleFilter, ListingFilter
from .models import Article, Category, Service
from .response_cache import cached_search_response
from .sanitize import plain_text
from .search_page import filter_chips, search_context, without_filters_url

RELATED_LIMIT = 5
HOME_LIST_LIMIT = 10
CATEGORY_PAGE_SIZE = 20


@require_safe
def home(request):
    published = Article.objects.published().with_taxonomy()
    device = request_device(request)
    recent = published.recently_updated()[: HOME_LIST_LIMIT * SCAN_FACTOR]
    return by_device(
        render(
            request,
            "articles/home.html",
            {
                "popular": popular_questions(published, device=device, limit=HOME_LIST_LIMIT),
                "recent": one_per_question(recent, device=device, limit=HOME_LIST_LIMIT),
            },
        )
    )


@require_safe
def service_detail(request, service_slug):
    service = get_object_or_404(Service.objects.active(), slug=service_slug)
    counts = dict(
        Article.objects.published()
        .filter(service=service)
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    categories = [c for c in service.categories.active() if counts.get(c.pk)]
    for category in categories:
        category.article_count = counts[category.pk]
    in_service = Article.objects.published().with_taxonomy().filter(service=service)
    popular = popular_questions(in_service, device=request_device(request), limit=5)
    return by_device(
        render(
            request,
            "articles/service_detail.html",
            {"service": service, "categories": categories, "popular": popular},
        )
    )


@require_safe
def category_detail(request, service_slug, category_slug):
    category = get_object_or_404(
        Category.objects.active().select_related("service"),
        service__slug=service_slug,
        service__is_active=True,
        slug=category_slug,
    )
    in_category = Article.objects.published().filter(category=category)
    listing = ListingFilter(request.GET, queryset=in_category.with_taxonomy())
    data = listing.valid_data()
    selected = set(data.get("platform") or ())
    platforms = [
        FacetValue(slug=slug, name=name, count=n, selected=slug in selected)
        for slug, name, n in in_category.values_list("platform__slug", "platform__name")
        .annotate(n=Count("pk"))
        .order_by("platform__order", "platform__name")
    ]
    page = Paginator(listing.qs, CATEGORY_PAGE_SIZE).get_page(data.get("page"))
    return render(
        request,
        "articles/category_detail.html",
        {
            "category": category,
            "service": category.service,
            "page_obj": page,
            "platforms": platforms,
            "sort": data.get("sort") or "newest",
            "sort_choices": LISTING_SORT_CHOICES,
        },
    )


def related_articles(article: Article, *, device: str = "") -> list[Article]:
    """Other public questions of the same category, most viewed first, one variant each, without this one."""
    related = Article.objects.published().with_taxonomy().filter(category_id=article.category_id).exclude(pk=article.pk)
    if article.question_key:
        related = related.exclude(question_key=article.question_key)
    return popular_questions(related, device=device, limit=RELATED_LIMIT)


def back_to_search_url(request) -> str:
    """The results page an article was opened from (its parameters ride along on the article link)."""
    context = search_context(request.GET)
    return f"{reverse('articles:search')}?{context}" if request.GET.get("q") else ""


@require_safe
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.published().with_taxonomy(), pk=pk)
    if count_view(request=request, article=article):
        article.view_count += 1
    variants = list(article.platform_variants())
    return by_device(
        render(
            request,
            "articles/article_detail.html",
            {
                "article": article,
                "variants": variants,
                "related": related_articles(article, device=request_device(request)),
                "is_preview": False,
                "vote": vote_of(request, article),
                "vote_field": VOTE_FIELD,
                "vote_proof": vote_proof(request, article),
                "json_ld": article_json_ld(request, article),
                "back_to_search_url": back_to_search_url(request),
            },
        )
    )


def article_json_ld(request, article: Article) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": article.title,
                "dateCreated": article.published_at,
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(article.body)},
            }
        ],
        "dateModified": article.updated_at,
        "inLanguage": "ko",
        "about": [article.service.name, article.category.name, article.platform.name],
    }


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@rate_limit("vote")
def article_feedback(request, pk):
    article = get_object_or_404(Article.objects.published(), pk=pk)
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        message = _("'도움이 되었나요?'에 예 또는 아니요로 답해 주세요.")
        if wants_json(request):
            return JsonResponse({"error": message, "parameter": "helpful"}, status=400)
        return HttpResponseBadRequest(message)
    counted = record_vote(request=request, article=article, helpful=answer == "yes")
    if wants_json(request):
        return JsonResponse(
            {"counted": counted, "vote": vote_of(request, article), "message": _("의견을 보내 주셔서 감사합니다.")}
        )
    return redirect(article.get_absolute_url() + "#feedback")


def click_url(log_id: int | None, article: Article, position: int, context: str = "") -> str:
    """The result link: through the click log when the search was logged; `context` (the search's own
    parameters) rides along so the article can link back to these results and mark the query."""
    url = article.get_absolute_url() if log_id is None else reverse("insights:click", args=[log_id, article.pk, position])
    return f"{url}?{context}" if context else url


def category_facet_groups(results: SearchResults) -> list[dict]:
    """Category facet values grouped under their service, in facet order."""
    groups: dict[str, dict] = {}
    for v in results.facets.get("category", []):
        groups.setdefault(v.parent_slug, {"name": v.parent_name, "values": []})["values"].append(v)
    return list(groups.values())


@require_safe  # GET and HEAD; outside the rate limit, so a refused method is not counted
@rate_limit("search")
def search_page(request):
    def run_search():
        params = ArticleFilter(request.GET)
        kwargs = params.search_kwargs()
        return search(**kwargs, device=request_device(request)), kwargs["filters"]

    return by_device(
        cached_search_response(
            request, run_search=run_search, render=lambda results, log_id: render_search_page(request, results, log_id)
        )
    )


def count_without_filters(results: SearchResults) -> int:
    """How many results the same query has with no facet selected (asked only when filters emptied it)."""
    return search(results.query, filters=SearchFilters(), sort=results.sort, page=1, page_size=1).count


def render_search_page(request, results: SearchResults, log_id: int | None):
    offset = (results.page - 1) * results.page_size
    context = search_context(request.GET) if results.query else ""
    hits = [
        {
            "hit": hit,
            "article": hit.article,
            "position": offset + i,
            "url": click_url(log_id, hit.article, offset + i, context),
            "platforms": [
                {"name": v.platform.name, "url": click_url(None, v, 0, context), "current": v.pk == hit.article.pk}
                for v in hit.variants
            ],
        }
        for i, hit in enumerate(results.hits, start=1)
    ]
    empty = results.count == 0
    chips = filter_chips(request.GET, results)
    return by_device(
        render(
            request,
            "articles/search.html",
            {
                "results": results,
                "hits": hits,
                "query": results.query,
                "category_groups": category_facet_groups(results),
                "sort_choices": SORT_CHOICES,
                "page_range": page_window(results.page, results.num_pages),
                "chips": chips,
                "clear_filters_url": without_filters_url(request.GET),
                "unfiltered_count": count_without_filters(results) if empty and chips else 0,
                "suggestion": did_you_mean(results.query) if empty and results.query else None,
                "popular": popular_questions(
                    Article.objects.published().with_taxonomy(), device=request_device(request), limit=5
                )
                if empty
                else [],
            },
        )
    )


def page_window(page: int, num_pages: int, radius: int = 2) -> list[int]:
    return list(range(max(1, page - radius), min(num_pages, page + radius) + 1))


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /api/",
        "Disallow: /insights/",
        "",
        f"Sitemap: {base_url(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
