"""Per-client rate limits for public endpoints, counted in Django's cache.

Rates come from settings (RATE_LIMIT_<GROUP>, e.g. "120/m"); RATE_LIMITS=off disables them.
"""

from functools import wraps

from django.conf import settings
from django_ratelimit.core import get_usage

from .errors import rate_limited


def rate_limit(group: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if settings.RATE_LIMITS_ENABLED:
                usage = get_usage(
                    request,
                    group=group,
                    key="ip",
                    rate=getattr(settings, f"RATE_LIMIT_{group.upper()}"),
                    method=["GET", "POST", "HEAD"],
                    increment=True,
                )
                if usage and usage["should_limit"]:
                    response = rate_limited(request)
                    response["Retry-After"] = str(max(1, int(usage["time_left"])))
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
