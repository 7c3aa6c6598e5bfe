from django.contrib.sitemaps import Sitemap

from .models import Article, Category, Service


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.published().order_by("pk").only("pk", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class ServiceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Service.objects.active().order_by("order", "name")


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Category.objects.active().filter(service__is_active=True).select_related("service")


sitemaps = {"articles": ArticleSitemap, "services": ServiceSitemap, "categories": CategorySitemap}
