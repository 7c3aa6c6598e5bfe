from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from articles.sitemaps import sitemaps
from articles.views import robots_txt

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("insights/", include("insights.urls")),
    path("", include("articles.urls")),
]

handler404 = "helpcenter.errors.not_found"
handler500 = "helpcenter.errors.server_error"
