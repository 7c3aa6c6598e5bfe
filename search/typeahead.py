"""Type-ahead: titles that contain every typed word, most viewed first, one per question."""

from django.utils import timezone

from articles.devices import one_per_question
from articles.models import Article

from .backends import get_backend
from .query import plan_query
from .sync import ensure_current

SUGGEST_LIMIT = 8


def suggest_titles(query: str, *, limit: int = SUGGEST_LIMIT, device: str = "") -> list[Article]:
    """One title per question, the variant for `device` (articles.devices)."""
    state = ensure_current()
    plan = plan_query(query, state)
    if plan.is_browse or not plan.parts:
        return []
    now = timezone.now()
    ids = get_backend().suggest(plan, now=now, limit=limit)
    found = Article.objects.published(now).with_taxonomy().in_bulk(ids)
    return one_per_question([found[pk] for pk in ids if pk in found], device=device, limit=limit)
