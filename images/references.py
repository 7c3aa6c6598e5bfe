"""Which uploaded images are still in use: named in an article body or in a saved revision of one.

Revisions count so that restoring an old version never brings back a broken image. Names are matched
whatever address precedes them (the stored names are distinctive: images/YYYY/MM/<32 hex>.<ext>), so
a change of MEDIA_URL never makes every image look unused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.storage import default_storage
from reversion.models import Version

from articles.models import Article

from .models import UploadedImage

STORED_NAME = re.compile(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.(?:png|jpg|webp)")


def referenced_names() -> set[str]:
    names: set[str] = set()
    for body in Article.objects.values_list("body", flat=True).iterator(chunk_size=2000):
        names.update(STORED_NAME.findall(body))
    revisions = Version.objects.get_for_model(Article).values_list("serialized_data", flat=True)
    for data in revisions.iterator(chunk_size=500):
        names.update(STORED_NAME.findall(data))
    return names


def stored_files(folder: str = "images") -> Iterator[str]:
    """Every file under `folder` in the default storage (local or a bucket), as storage names."""
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet (a bucket lists an absent folder as empty)
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from stored_files(f"{folder}/{directory}")


@dataclass
class Orphans:
    images: list[UploadedImage] = field(default_factory=list)  # rows (and their files) no body uses
    files: list[str] = field(default_factory=list)  # files without a row, e.g. left by a failed delete

    def __len__(self) -> int:
        return len(self.images) + len(self.files)


def find_orphans(*, uploaded_before: datetime) -> Orphans:
    """Uploads older than `uploaded_before` that no article body or revision names."""
    used = referenced_names()
    orphans = Orphans()
    for image in UploadedImage.objects.uploaded_before(uploaded_before).order_by("uploaded_at", "pk"):
        if image.file.name not in used:
            orphans.images.append(image)
    known = set(UploadedImage.objects.values_list("file", flat=True))
    for name in stored_files():
        if name not in known and name not in used and default_storage.get_modified_time(name) < uploaded_before:
            orphans.files.append(name)
    return orphans
