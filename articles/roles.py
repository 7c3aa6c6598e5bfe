"""The two staff roles. Groups are created by migration 0002; code only asks these questions."""

EDITORS = "편집자"
PUBLISHERS = "게시자"
PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


UPLOAD_IMAGE_PERMISSION = "images.add_uploadedimage"


def can_upload_images(user) -> bool:
    """Both staff roles may put images in bodies (migration images/0002 grants it to each group)."""
    return bool(user and user.is_active and user.is_staff and user.has_perm(UPLOAD_IMAGE_PERMISSION))
