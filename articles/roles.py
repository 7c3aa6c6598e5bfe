"""The two staff roles. Groups are created by migration 0002; code only asks these questions."""

EDITORS = "편집자"
PUBLISHERS = "게시자"
PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))
