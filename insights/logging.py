"""Search log writes: one INSERT per public search, never an error for the searcher."""

import logging
import re
import secrets
from contextlib import nullcontext

from django.conf import settings
from django.db import connections, transaction

from helpcenter.database import short_busy_wait

from .models import SearchLog
from .text import normalise

logger = logging.getLogger(__name__)

# The visitor's random token lives in a cookie of its own rather than in the Django session: a search
# then never creates or saves a session (a row write per cookie-less request), and the token still
# ties a click to the searches of the same browser.
TOKEN_COOKIE = "hc_searcher"
_NEW_TOKEN_ATTR = "_insights_new_token"
TOKEN_FORMAT = re.compile(r"[0-9a-f]{32}")
# Crawlers and link-preview fetchers; people's browsers (headless or not) don't say these words.
BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|yeti|daumoa|facebookexternalhit|embedly|preview|archiver|scrapy|ahrefs|semrush",
    re.IGNORECASE,
)
FACETS = ("service", "category", "platform")


def is_bot(request) -> bool:
    return bool(BOT_USER_AGENT.search(request.META.get("HTTP_USER_AGENT", "")))


def is_staff(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def is_recordable(request) -> bool:
    """Public visitors only: not crawlers, not staff trying the site out."""
    return not is_bot(request) and not is_staff(request)


def visitor_token(request, *, create: bool = True) -> str:
    """A random per-visitor token from the TOKEN_COOKIE; never Django's session key, never an address.

    With `create`, a visitor without one gets a new token, which `remember_visitor` puts in the response.
    """
    token = getattr(request, _NEW_TOKEN_ATTR, None) or request.COOKIES.get(TOKEN_COOKIE, "")
    if TOKEN_FORMAT.fullmatch(token):
        return token
    if not create:
        return ""
    token = secrets.token_hex(16)
    setattr(request, _NEW_TOKEN_ATTR, token)
    return token


def remember_visitor(request, response) -> None:
    """Set the cookie of a token that `visitor_token` created for this request (like the session cookie)."""
    token = getattr(request, _NEW_TOKEN_ATTR, None)
    if token:
        response.set_cookie(
            TOKEN_COOKIE,
            token,
            max_age=settings.SESSION_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def filters_as_dict(filters) -> dict[str, list[str]]:
    """SearchFilters -> {"platform": ["android"]}: selected facets only, slugs sorted."""
    if filters is None:
        return {}
    selected = {}
    for facet in FACETS:
        slugs = sorted({str(slug) for slug in getattr(filters, facet, ()) or ()})
        if slugs:
            selected[facet] = slugs
    return selected


def _insert(entry: SearchLog, using: str) -> int:
    """One INSERT … RETURNING, one round trip: Model.save() costs three times the CPU on this hot path."""
    connection = connections[using]
    fields = [f for f in SearchLog._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(
        quote(SearchLog._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
        quote(SearchLog._meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields])
        return cursor.fetchone()[0]


def record_search(request, results, *, filters=None) -> int | None:
    """Record one public search; returns the log entry id (for click tracking) or None.

    None when: no query (browsing), a later page of the same search, a bot or a staff user, or the
    write failed. Never raises: a broken log must not break search.
    """
    try:
        query = normalise(getattr(results, "corrected_from", "") or results.query)  # as typed
        if not query or getattr(results, "page", 1) != 1 or not is_recordable(request):
            return None
        entry = SearchLog(
            query=query,
            filters=filters_as_dict(filters),
            result_count=max(0, int(results.count)),
            sort=(getattr(results, "sort", "") or "")[:20],
            source=SearchLog.Source.API if request.path.startswith("/api/") else SearchLog.Source.WEB,
            session_token=visitor_token(request),
        )
        using = settings.SEARCH_LOG_DATABASE
        # A savepoint when the caller is inside a transaction, so a failed INSERT doesn't poison it.
        # On SQLite an import holds the one write lock for minutes: wait a moment, then skip the entry.
        with short_busy_wait(using), transaction.atomic(using=using) if connections[using].in_atomic_block else nullcontext():
            entry.pk = _insert(entry, using)
        return entry.pk
    except Exception:
        logger.warning("search log write failed", exc_info=True)
        return None
