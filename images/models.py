"""Images uploaded from the body editor. The file lives in Django's default storage; the row says who
uploaded it, when, and what it is. Bodies refer to an image by its URL only (see references.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def stored_name(instance: "UploadedImage", filename: str) -> str:
    # Random names: a draft's screenshot cannot be found by guessing, and a name is never reused.
    extension = filename.rsplit(".", 1)[-1]
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class UploadedImageQuerySet(models.QuerySet):
    def uploaded_before(self, moment):
        return self.filter(uploaded_at__lt=moment)


class UploadedImage(models.Model):
    file = models.FileField(_("파일"), upload_to=stored_name, max_length=200, unique=True)
    width = models.PositiveIntegerField(_("가로(px)"))
    height = models.PositiveIntegerField(_("세로(px)"))
    size = models.PositiveIntegerField(_("크기(바이트)"))
    alt = models.CharField(_("대체 텍스트"), max_length=300, help_text=_("처음 올릴 때 입력한 설명"))
    # SHA-256 of the stored bytes: the same picture uploaded again reuses this row and file.
    checksum = models.CharField(_("체크섬"), max_length=64, unique=True)
    original_name = models.CharField(_("원래 파일 이름"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("올린 사람"),
    )
    uploaded_at = models.DateTimeField(_("올린 시각"), default=timezone.now, db_index=True)

    objects = UploadedImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("본문 이미지")
        verbose_name_plural = _("본문 이미지")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.file.name

    @property
    def url(self) -> str:
        return self.file.url
