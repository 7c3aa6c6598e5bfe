"""Search log writes: one INSERT per public search, never an error for the searcher."""

import logging
import re
import secrets

from django.db import connection, transaction

from .models import SearchLog
from .text import normalise

logger = logging.getLogger(__name__)

SESSION_TOKEN_KEY = "insights_token"
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


def session_token(request, *, create: bool = True) -> str:
    """A random per-visitor token kept in the session; never Django's own session key."""
    session = getattr(request, "session", None)
    if session is None:
        return ""
    token = session.get(SESSION_TOKEN_KEY, "")
    if not token and create:
        token = secrets.token_hex(16)
        session[SESSION_TOKEN_KEY] = token
    return token


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


def record_search(request, results, *, filters=None) -> int | None:
    """Record one public search; returns the log entry id (for click tracking) or None.

    None when: no query (browsing), a later page of the same search, a bot or a staff user, or the
    write failed. Never raises: a broken log must not break search.
    """
    try:
        query = normalise(results.query)
        if not query or getattr(results, "page", 1) != 1 or not is_recordable(request):
            return None
        entry = SearchLog(
            query=query,
            filters=filters_as_dict(filters),
            result_count=max(0, int(results.count)),
            sort=(getattr(results, "sort", "") or "")[:20],
            source=SearchLog.Source.API if request.path.startswith("/api/") else SearchLog.Source.WEB,
            session_token=session_token(request),
        )
        # A savepoint when the caller is inside a transaction, so a failed INSERT doesn't poison it.
        own_transaction = not connection.in_atomic_block
        with transaction.atomic():
            if own_transaction and connection.vendor == "postgresql":
                # A log row lost in a crash is acceptable; waiting for the WAL flush on every search is not.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            entry.save(force_insert=True)
        return entry.pk
    except Exception:
        logger.warning("search log write failed", exc_info=True)
        return None
