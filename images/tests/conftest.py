"""Every test stores its uploads in a folder of its own; pictures are made here, in memory."""

import io

import pytest
from PIL import Image

from articles.roles import EDITORS, PUBLISHERS
from articles.tests.factories import make_staff as staff_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def picture(fmt: str = "PNG", size=(640, 360), mode: str = "RGB", color=(30, 120, 200), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


@pytest.fixture
def publisher(db):
    return staff_user("publisher", PUBLISHERS)


@pytest.fixture
def editor(db):
    return staff_user("editor", EDITORS)
