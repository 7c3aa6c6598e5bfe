from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap

from .models import Article, Category, Service


class Sitemap(DjangoSitemap):
    """Locations on SITE_URL when it is set; otherwise on the request's scheme and validated host."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme if settings.SITE_URL else super().get_protocol(protocol)


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
