"""Write workflows for articles: status changes and restoring a revision.

Every path that publishes (admin form, bulk action, import upload) goes through
`can_publish`, so an editor cannot publish by any of them.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article
from .roles import can_publish

# Fields a revision restore brings back; status and counters stay as they are now.
RESTORABLE_FIELDS = ("title", "body", "tags", "question_key", "service_id", "category_id", "platform_id")


def _require_publisher(user) -> None:
    if not can_publish(user):
        raise PermissionDenied(_("게시·보관은 게시자 권한이 있어야 할 수 있습니다."))


def article_set_status(*, article: Article, status: str, user, comment: str = "") -> Article:
    if status != Article.Status.DRAFT or article.status != Article.Status.DRAFT:
        _require_publisher(user)
    with transaction.atomic(), reversion.create_revision():
        article.status = status
        if status == Article.Status.PUBLISHED and article.published_at is None:
            article.published_at = timezone.now()
        article.save()
        reversion.set_user(user)
        reversion.set_comment(comment or _("상태 변경: %(status)s") % {"status": article.get_status_display()})
    return article


def articles_bulk_set_status(*, queryset, status: str, user) -> int:
    _require_publisher(user)
    changed = 0
    with transaction.atomic():
        for article in queryset.select_for_update().exclude(status=status):
            article_set_status(article=article, status=status, user=user)
            changed += 1
    return changed


def article_restore(*, article: Article, version, user) -> Article:
    """Bring back the content of an old revision as a new revision (history is never rewritten)."""
    if article.status != Article.Status.DRAFT:
        _require_publisher(user)
    old = version.field_dict
    with transaction.atomic(), reversion.create_revision():
        for field in RESTORABLE_FIELDS:
            if field in old:
                setattr(article, field, old[field])
        article.full_clean(exclude=["external_id"])
        article.save()
        reversion.set_user(user)
        reversion.set_comment(
            _("%(date)s 버전으로 복원") % {"date": timezone.localtime(version.revision.date_created).strftime("%Y-%m-%d %H:%M")}
        )
    return article
