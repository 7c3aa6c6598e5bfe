"""Counting views and "도움이 되었나요?" votes: people, not requests.

Nothing here touches the article row or the session. Each counted view or vote is one INSERT into
CounterEvent (articles.counters folds them into Article later), so a page never waits behind an
import's row locks and an anonymous view never creates a django_session row.

Who counts:
- crawlers and link previewers (by user agent) never count;
- a visitor is the random `hc_searcher` cookie token (insights.logging); a request without the cookie
  is identified by a keyed hash of its address and user agent for that day, and the new token it is
  given is marked as having seen the article, so its next view that day is not counted again;
- a view counts once per visitor, article and Seoul day; a vote once per visitor and article, and
  only from a visitor carrying the cookie of the page that showed the form (a signed form field);
- at most COUNT_LIMIT counted actions per address and article (a cache counter; a silent cache
  lets counting through, the per-visitor rules still hold).
"""

import hmac
import logging
from contextlib import nullcontext

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

from helpcenter.database import short_busy_wait
from helpcenter.ratelimit import client_ip
from insights.logging import is_bot, visitor_token

from .models import Article, CounterEvent

logger = logging.getLogger(__name__)

Kind = CounterEvent.Kind
VOTE_FIELD = "visitor_proof"


def _hash(*parts: str) -> str:
    return salted_hmac("articles.feedback", "\x1f".join(parts)).hexdigest()[:32]


def _insert(*, article_id: int, kind: int, visitor: str) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was written. Never raises."""
    table = CounterEvent._meta.db_table
    sql = f"INSERT INTO {table} (article_id, kind, visitor, day, folded) VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
    connection = connections["default"]
    try:
        with short_busy_wait(), transaction.atomic() if connection.in_atomic_block else nullcontext():
            with connection.cursor() as cursor:
                cursor.execute(sql, [article_id, kind, visitor, timezone.localdate(), False])
                return cursor.rowcount == 1
    except DatabaseError:
        # Busy (SQLite write lock held by an import) or a lock/statement timeout: skip this count.
        logger.warning("counter write skipped for article %s", article_id, exc_info=True)
        return False


def _within_count_limit(request, article_id: int) -> bool:
    rate = settings.COUNT_LIMIT
    if not rate:
        return True
    try:
        usage = get_usage(
            request,
            group="count",
            key=lambda group, req: f"{client_ip(req)}:{article_id}",
            rate=rate,
            method=["GET", "POST"],
            increment=True,
        )
    except Exception:  # noqa: BLE001  the cache backend logs; counting goes on without the limit
        return True
    return not (usage and usage["should_limit"])


def count_view(*, request, article: Article) -> bool:
    """Count this view if it is a person's first of the article today; returns whether it counted."""
    if request.method != "GET" or is_bot(request):
        return False
    token = visitor_token(request, create=False)
    if token:
        visitor = _hash("token", token)
    else:
        address = client_ip(request)
        visitor = _hash("address", address, request.META.get("HTTP_USER_AGENT", ""), str(timezone.localdate()))
        # The cookie this response sets: its next view of the article today is "already seen".
        _insert(article_id=article.pk, kind=Kind.SEEN, visitor=_hash("token", visitor_token(request)))
    if not _within_count_limit(request, article.pk):
        return False
    return _insert(article_id=article.pk, kind=Kind.VIEW, visitor=visitor)


def vote_proof(request, article: Article) -> str:
    """The hidden form field tying a vote to the visitor that was shown the form."""
    return _hash("vote", visitor_token(request), str(article.pk))


def vote_of(request, article: Article) -> str | None:
    """"yes", "no" or None when this visitor has not voted on the article."""
    token = visitor_token(request, create=False)
    if not token:
        return None
    kind = (
        CounterEvent.objects.filter(visitor=_hash("token", token), article_id=article.pk, kind__in=[Kind.HELPFUL, Kind.NOT_HELPFUL])
        .values_list("kind", flat=True)
        .first()
    )
    return {Kind.HELPFUL: "yes", Kind.NOT_HELPFUL: "no"}.get(kind)


def record_vote(*, request, article: Article, helpful: bool) -> bool:
    """Store one vote per visitor per article; False when already voted or the visitor is not the one shown the form."""
    token = visitor_token(request, create=False)
    proof = request.POST.get(VOTE_FIELD, "")
    if not token or is_bot(request) or not hmac.compare_digest(proof, _hash("vote", token, str(article.pk))):
        return False
    if not _within_count_limit(request, article.pk):
        return False
    kind = Kind.HELPFUL if helpful else Kind.NOT_HELPFUL
    return _insert(article_id=article.pk, kind=kind, visitor=_hash("token", token))
