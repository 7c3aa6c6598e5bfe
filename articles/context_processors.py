from django.conf import settings

from .models import Service


def site_navigation(request):
    """The service list shown on every public page (lazy, so pages that do not render it pay nothing)
    and the canonical URL of the page, built from SITE_URL rather than the request's Host header."""
    path = request.path if request is not None else "/"
    return {
        "nav_services": Service.objects.active(),
        "canonical_url": settings.SITE_URL.rstrip("/") + path,
    }
