from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from helpcenter.ratelimit import rate_limit
from insights.suggest import did_you_mean
from search import FacetValue, SearchResults, search

from .feedback import VOTE_FIELD, count_view, record_vote, vote_of, vote_proof
from .filters import LISTING_SORT_CHOICES, SORT_CHOICES, ArticleFilter, ListingFilter
from .models import Article, Category, Service
from .response_cache import cached_search_response
from .sanitize import plain_text

RELATED_LIMIT = 5
CATEGORY_PAGE_SIZE = 20


@require_safe
def home(request):
    published = Article.objects.published().with_taxonomy()
    return render(
        request,
        "articles/home.html",
        {"popular": published.popular()[:10], "recent": published.recently_updated()[:10]},
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
    popular = Article.objects.published().with_taxonomy().filter(service=service).popular()[:5]
    return render(
        request,
        "articles/service_detail.html",
        {"service": service, "categories": categories, "popular": popular},
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


def related_articles(article: Article) -> list[Article]:
    """Other public articles of the same category, most viewed first, without platform twins."""
    related = Article.objects.published().with_taxonomy().filter(category_id=article.category_id).exclude(pk=article.pk)
    if article.question_key:
        related = related.exclude(question_key=article.question_key)
    return list(related.popular()[:RELATED_LIMIT])


@require_safe
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.published().with_taxonomy(), pk=pk)
    if count_view(request=request, article=article):
        article.view_count += 1
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "variants": article.platform_variants(),
            "related": related_articles(article),
            "is_preview": False,
            "vote": vote_of(request, article),
            "vote_field": VOTE_FIELD,
            "vote_proof": vote_proof(request, article),
            "json_ld": article_json_ld(request, article),
        },
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


def click_url(log_id: int | None, article: Article, position: int) -> str:
    if log_id is None:
        return article.get_absolute_url()
    return reverse("insights:click", args=[log_id, article.pk, position])


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
        return search(**kwargs), kwargs["filters"]

    return cached_search_response(
        request, run_search=run_search, render=lambda results, log_id: render_search_page(request, results, log_id)
    )


def render_search_page(request, results: SearchResults, log_id: int | None):
    offset = (results.page - 1) * results.page_size
    hits = [
        {"hit": hit, "article": hit.article, "position": offset + i, "url": click_url(log_id, hit.article, offset + i)}
        for i, hit in enumerate(results.hits, start=1)
    ]
    empty = results.count == 0
    return render(
        request,
        "articles/search.html",
        {
            "results": results,
            "hits": hits,
            "query": results.query,
            "category_groups": category_facet_groups(results),
            "sort_choices": SORT_CHOICES,
            "page_range": page_window(results.page, results.num_pages),
            "suggestion": did_you_mean(results.query) if empty and results.query else None,
            "popular": Article.objects.published().with_taxonomy().popular()[:5] if empty else [],
        },
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
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
