"""Per-client rate limits for public endpoints, counted in Django's cache.

Rates come from settings (RATE_LIMIT_<GROUP>, e.g. "120/m"); RATE_LIMITS=off disables them.
Settings are read at call time, so tests and operators can change them without reloading.
"""

import ipaddress
import logging
from functools import wraps

from django.conf import settings
from django_ratelimit.core import get_usage

from .errors import rate_limited

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The visitor's address; behind N trusted proxies, the one the outermost proxy saw.

    Only the last N entries of X-Forwarded-For were written by our proxies; anything to their
    left is whatever the client chose to send, so it is never trusted.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", 0)
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def rate_limit(group: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if settings.RATE_LIMITS_ENABLED:
                try:
                    usage = get_usage(
                        request,
                        group=group,
                        key="ip",
                        rate=getattr(settings, f"RATE_LIMIT_{group.upper()}"),
                        method=["GET", "POST", "HEAD"],
                        increment=True,
                    )
                except Exception:  # noqa: BLE001  a broken shared cache must not take the site down
                    logger.warning("Rate limit cache unavailable; not limiting %s", group, exc_info=True)
                    usage = None
                if usage and usage["should_limit"]:
                    response = rate_limited(request)
                    response["Retry-After"] = str(max(1, int(usage["time_left"])))
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
