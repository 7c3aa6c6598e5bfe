"""Per-visitor memory in the session: which articles were viewed and voted on.

Counters are bumped with F() updates on the row, never through Article.save(), which would
bump the optimistic-lock version and touch updated_at.
"""

from django.db.models import F

from .models import Article

VIEWED_KEY = "articles_viewed"
VOTES_KEY = "articles_votes"
# Enough for a long browsing session without letting the session row grow without bound.
MAX_REMEMBERED = 500


def _remember(ids: list[int], pk: int) -> list[int]:
    return (ids + [pk])[-MAX_REMEMBERED:]


def count_view(*, request, article: Article) -> bool:
    """Count one view per visitor session; returns whether this request was counted."""
    viewed = request.session.get(VIEWED_KEY, [])
    if article.pk in viewed:
        return False
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    request.session[VIEWED_KEY] = _remember(viewed, article.pk)
    return True


def vote_of(request, article: Article) -> str | None:
    """"yes", "no" or None when this visitor has not voted on the article."""
    return request.session.get(VOTES_KEY, {}).get(str(article.pk))


def record_vote(*, request, article: Article, helpful: bool) -> bool:
    """Store one vote per visitor per article; returns False when the visitor already voted."""
    votes = request.session.get(VOTES_KEY, {})
    if str(article.pk) in votes:
        return False
    field = "helpful_count" if helpful else "not_helpful_count"
    Article.objects.filter(pk=article.pk).update(**{field: F(field) + 1})
    votes[str(article.pk)] = "yes" if helpful else "no"
    if len(votes) > MAX_REMEMBERED:
        votes = dict(list(votes.items())[-MAX_REMEMBERED:])
    request.session[VOTES_KEY] = votes
    return True
