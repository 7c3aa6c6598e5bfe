"""Error pages in Korean, rendered without touching the database."""

import sys

from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _


def _render(request, status: int, title: str, message: str, **extra) -> HttpResponse:
    if request is not None and request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"error": message}, status=status)
    context = {"title": title, "message": message, "status": status, **extra}
    html = loader.render_to_string("error.html", context)
    return HttpResponse(html, status=status)


def popular_for_error_page(request) -> list:
    """The most viewed questions, or none when the database cannot say (a 404 must never become a 500)."""
    from django.db import DatabaseError

    from articles.devices import popular_questions, request_device
    from articles.models import Article

    try:
        return popular_questions(Article.objects.published().with_taxonomy(), device=request_device(request), limit=5)
    except DatabaseError:
        return []


def not_found(request, exception=None, *, with_popular: bool = True):
    """The 404 page: a search box and, unless the path was malformed (answered before any query), popular questions."""
    extra = {}
    if request is not None and not request.path.startswith("/api/"):
        extra = {"show_search": True, "popular": popular_for_error_page(request) if with_popular else []}
    return _render(
        request, 404, _("페이지를 찾을 수 없습니다"), _("주소가 바뀌었거나 더 이상 제공되지 않는 도움말입니다."), **extra
    )


def server_error(request):
    # An outage that surfaced outside a view (e.g. the session middleware saving) is still a 503.
    from .middleware import database_unavailable, is_database_outage

    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        return database_unavailable(request, exception)
    return _render(request, 500, _("일시적인 오류가 발생했습니다"), _("잠시 후 다시 시도해 주세요."))


def service_unavailable(request) -> HttpResponse:
    # The search box only: popular articles would need the database this page reports as gone.
    response = _render(
        request,
        503,
        _("잠시 서비스를 이용할 수 없습니다"),
        _("도움말 센터를 점검하고 있습니다. 잠시 후 다시 시도해 주세요."),
        show_search=True,
    )
    response["Retry-After"] = "30"
    return response


def rate_limited(request, exception=None):
    response = _render(
        request, 429, _("요청이 너무 많습니다"), _("짧은 시간에 요청이 많았습니다. 잠시 후 다시 시도해 주세요.")
    )
    response["Retry-After"] = "60"
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes lockout: too many failed admin logins from this address for this username."""
    from django.conf import settings

    response = _render(
        request,
        429,
        _("로그인이 잠시 제한되었습니다"),
        _("로그인에 여러 번 실패해 잠시 로그인할 수 없습니다. 나중에 다시 시도하거나 관리자에게 문의해 주세요."),
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME * 3600))
    return response
