from django.conf import settings

from .models import Service


def base_url(request) -> str:
    """Scheme and host for absolute links (canonical, og:url, sitemap): SITE_URL when set, otherwise the
    request's own, whose host `get_host()` has checked against ALLOWED_HOSTS (so never a forged Host)."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return f"{request.scheme}://{request.get_host()}"


def site_navigation(request):
    """What every public page shows: the service list (lazy, so pages that do not render it pay nothing),
    the canonical URL (the path only: search and tracking parameters never reach it) and the support link."""
    path = request.path if request is not None else "/"
    return {
        "nav_services": Service.objects.active(),
        "canonical_url": (base_url(request) if request is not None else settings.SITE_URL.rstrip("/")) + path,
        "site_base_url": base_url(request) if request is not None else settings.SITE_URL.rstrip("/"),
        "support_url": settings.SUPPORT_URL,
        "support_label": settings.SUPPORT_LABEL,
    }
