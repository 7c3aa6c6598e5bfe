from django.shortcuts import get_object_or_404, render

from .models import Article, Category, Service


def home(request):
    published = Article.objects.published().with_taxonomy()
    return render(
        request,
        "articles/home.html",
        {"popular": published.popular()[:10], "recent": published.recently_updated()[:10]},
    )


def article_detail(request, pk):
    article = get_object_or_404(Article.objects.published().with_taxonomy(), pk=pk)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "variants": article.platform_variants(), "related": [], "is_preview": False},
    )


def service_detail(request, service_slug):
    service = get_object_or_404(Service.objects.active(), slug=service_slug)
    return render(request, "articles/service_detail.html", {"service": service})


def category_detail(request, service_slug, category_slug):
    category = get_object_or_404(
        Category.objects.active().select_related("service"), service__slug=service_slug, slug=category_slug
    )
    articles = Article.objects.published().with_taxonomy().filter(category=category)
    return render(request, "articles/category_detail.html", {"category": category, "articles": articles})
