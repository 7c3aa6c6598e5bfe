"""The public JSON API: search, one article, title suggestions for the search box."""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from helpcenter.ratelimit import rate_limit
from search import SearchResults, search
from search.typeahead import suggest_titles

from .devices import by_device, request_device
from .filters import ArticleFilter, first_error
from .models import Article
from .response_cache import cached_search_response


class SafeJSONEncoder(DjangoJSONEncoder):
    """JSON whose bytes never contain <, > or &, so echoed input cannot become markup if sniffed or embedded."""

    _escapes = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

    def encode(self, o):
        return super().encode(o).translate(self._escapes)


def json_response(data: dict, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, encoder=SafeJSONEncoder, json_dumps_params={"ensure_ascii": False})


def bad_parameter(parameter: str, message: str) -> JsonResponse:
    return json_response({"error": message, "parameter": parameter}, status=400)


def taxonomy_json(item) -> dict:
    return {"slug": item.slug, "name": item.name}


def article_summary(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.get_absolute_url(),
        "service": taxonomy_json(article.service),
        "category": taxonomy_json(article.category),
        "platform": taxonomy_json(article.platform),
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "view_count": article.view_count,
    }


def results_json(results: SearchResults, *, log_id: int | None) -> dict:
    offset = (results.page - 1) * results.page_size
    rows = []
    for position, hit in enumerate(results.hits, start=offset + 1):
        row = article_summary(hit.article)
        row["title_highlighted"] = hit.title_highlighted
        row["snippet"] = hit.snippet
        # One result per question: its other platforms' articles ([] when it has no variants).
        row["variants"] = [
            {"id": v.pk, "url": v.get_absolute_url(), "platform": taxonomy_json(v.platform)} for v in hit.variants
        ]
        if log_id is not None:
            row["click_url"] = reverse("insights:click", args=[log_id, hit.article.pk, position])
        rows.append(row)
    return {
        "query": results.query,
        "corrected_from": results.corrected_from or None,  # the query as typed, when it was corrected
        "count": results.count,
        "page": results.page,
        "num_pages": results.num_pages,
        "page_size": results.page_size,
        "sort": results.sort,
        "results": rows,
        "facets": {
            name: [{"slug": v.slug, "name": v.name, "count": v.count, "selected": v.selected} for v in values]
            for name, values in results.facets.items()
        },
    }


@require_safe  # outside the rate limit: a refused method is not counted
@rate_limit("search")
def search_api(request):
    def run_search():
        params = ArticleFilter(request.GET)
        if not params.form.is_valid():
            return bad_parameter(*first_error(params.form))
        kwargs = params.search_kwargs()
        return search(**kwargs, device=request_device(request)), kwargs["filters"]

    return by_device(
        cached_search_response(
            request, run_search=run_search, render=lambda results, log_id: json_response(results_json(results, log_id=log_id))
        )
    )


@require_safe  # outside the rate limit: a refused method is not counted
@rate_limit("search")
def article_api(request, pk):
    article = get_object_or_404(Article.objects.published().with_taxonomy(), pk=pk)
    data = article_summary(article)
    data.update(
        {
            "body": article.body,  # sanitised HTML (see articles.sanitize)
            "tags": article.tag_list,
            "helpful_count": article.helpful_count,
            "not_helpful_count": article.not_helpful_count,
            "platform_variants": [
                {"id": v.pk, "url": v.get_absolute_url(), "platform": taxonomy_json(v.platform)}
                for v in article.platform_variants()
            ],
        }
    )
    return json_response(data)


@require_safe  # outside the rate limit: a refused method is not counted
@rate_limit("search")
def suggest_api(request):
    query = request.GET.get("q", "")
    suggestions = [
        {"id": a.pk, "title": a.title, "url": a.get_absolute_url()} for a in suggest_titles(query, device=request_device(request))
    ]
    return by_device(json_response({"query": " ".join(query.replace("\x00", "").split()), "suggestions": suggestions}))
