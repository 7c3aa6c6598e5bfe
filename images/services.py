"""Writing and removing uploaded images: the two workflows, each in one place."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.sanitize import strip_control_chars

from .models import UploadedImage
from .processing import prepare_image


def image_upload(*, file, alt: str, user) -> UploadedImage:
    """Check and re-encode `file` (raises processing.ImageRejected), store it, and return its row.

    The same picture uploaded again (same bytes after re-encoding) returns the existing row, whose upload
    time is renewed so the orphan clean-up gives it a fresh grace period.
    """
    prepared = prepare_image(file)
    checksum = hashlib.sha256(prepared.content).hexdigest()
    if existing := _reuse(checksum):
        return existing
    image = UploadedImage(
        width=prepared.width,
        height=prepared.height,
        size=len(prepared.content),
        alt=alt,
        checksum=checksum,
        original_name=strip_control_chars(file.name or "")[:255],
        uploaded_by=user,
    )
    image.file.save(f"upload.{prepared.extension}", ContentFile(prepared.content), save=False)
    try:
        with transaction.atomic():
            image.save()
    except IntegrityError:
        # Someone stored the very same picture a moment ago: keep theirs.
        default_storage.delete(image.file.name)
        return UploadedImage.objects.get(checksum=checksum)
    return image


def _reuse(checksum: str) -> UploadedImage | None:
    existing = UploadedImage.objects.filter(checksum=checksum).first()
    # The update matches nothing if the orphan clean-up deleted the row meanwhile: then store it anew.
    if existing and UploadedImage.objects.filter(pk=existing.pk).update(uploaded_at=timezone.now()):
        return existing
    return None


def images_delete(*, images: Iterable[UploadedImage], uploaded_before) -> int:
    """Delete these rows if still older than `uploaded_before` (a re-upload renews them), then their files."""
    candidates = {image.pk: image.file.name for image in images}
    with transaction.atomic():
        doomed = list(
            UploadedImage.objects.select_for_update()
            .filter(pk__in=candidates, uploaded_at__lt=uploaded_before)
            .values_list("pk", flat=True)
        )
        UploadedImage.objects.filter(pk__in=doomed).delete()
    # Files go after the commit: a failure here leaves a file without a row, which the next run finds.
    for pk in doomed:
        default_storage.delete(candidates[pk])
    return len(doomed)
