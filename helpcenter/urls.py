from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from articles.sitemaps import sitemaps
from articles.views import robots_txt
from images.views import serve_media

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("insights/", include("insights.urls")),
    path("", include("articles.urls")),
]
if not settings.MEDIA_ORIGIN:
    # Uploaded images on this host; the view answers only while SERVE_MEDIA is on (README, "Media storage").
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", serve_media, name="media"))

handler404 = "helpcenter.errors.not_found"
handler500 = "helpcenter.errors.server_error"
