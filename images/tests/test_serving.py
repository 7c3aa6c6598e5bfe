"""Local uploads are served by the app only while SERVE_MEDIA is on."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from .conftest import picture

pytestmark = pytest.mark.django_db  # the 404 page lists popular questions


@pytest.fixture
def stored():
    return default_storage.save("images/2026/11/0123456789abcdef0123456789abcdef.png", ContentFile(picture()))


def test_served_with_its_type_and_a_long_cache_when_on(client, settings, stored):
    settings.SERVE_MEDIA = True
    response = client.get(f"/media/{stored}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == default_storage.open(stored).read()


def test_not_served_when_off(client, settings, stored):
    settings.SERVE_MEDIA = False
    assert client.get(f"/media/{stored}").status_code == 404


def test_no_way_out_of_the_media_folder(client, settings, stored):
    settings.SERVE_MEDIA = True
    response = client.get("/media/../helpcenter/settings.py")
    assert response.status_code in (400, 404) and b"SECRET_KEY" not in response.content
    assert client.get("/media/images/no-such-file.png").status_code == 404
    assert client.post(f"/media/{stored}").status_code == 405
