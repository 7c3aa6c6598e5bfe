"""The editor's upload endpoint: who may use it, its JSON answers, CSRF, and what it stores."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from images.models import UploadedImage

from .conftest import picture, staff_user

pytestmark = pytest.mark.django_db
URL = reverse("admin:images_uploadedimage_upload")


def image_file(content: bytes | None = None, name: str = "로그인 화면.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else picture("PNG", (800, 450)), content_type="image/png")


def post(client, **data):
    return client.post(URL, {"file": image_file(), "alt": "로그인 화면의 비밀번호 찾기 버튼", **data})


def test_a_publisher_uploads_and_gets_the_address_and_size(client, publisher, media_root):
    client.force_login(publisher)

    response = post(client)

    assert response.status_code == 201
    answer = response.json()
    image = UploadedImage.objects.get()
    assert answer == {"url": image.url, "width": 800, "height": 450, "alt": "로그인 화면의 비밀번호 찾기 버튼"}
    assert answer["url"].startswith("/media/images/") and answer["url"].endswith(".png")
    assert (image.uploaded_by, image.alt, image.original_name) == (publisher, "로그인 화면의 비밀번호 찾기 버튼", "로그인 화면.png")
    assert len(image.checksum) == 64 and image.size == default_storage.size(image.file.name)
    assert (media_root / image.file.name).is_file()


def test_an_editor_may_upload_too(client, editor):
    client.force_login(editor)
    assert post(client).status_code == 201


def test_staff_without_a_role_get_a_json_403_and_nothing_is_stored(client, media_root):
    client.force_login(staff_user("intern", None))

    response = post(client)

    assert response.status_code == 403
    assert "권한이 없습니다" in response.json()["error"]
    assert not UploadedImage.objects.exists() and not media_root.exists()


def test_visitors_are_sent_to_the_login_page(client):
    response = post(client)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not UploadedImage.objects.exists()


def test_only_post_is_answered(client, publisher):
    client.force_login(publisher)
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"alt": ""}, "alt", "대체 텍스트를 입력하세요"),
        ({"alt": "   "}, "alt", "대체 텍스트를 입력하세요"),
        ({"alt": "가" * 301}, "alt", "300자 이하"),
        ({"file": ""}, "file", "이미지 파일을 고르세요"),
        ({"file": image_file(b"GIF89a-but-not-really", name="fake.png")}, "file", "PNG, JPEG, GIF, WebP 이미지만"),
    ],
    ids=["alt-missing", "alt-blank", "alt-too-long", "no-file", "not-an-image"],
)
def test_bad_uploads_get_a_korean_json_error_and_store_nothing(client, publisher, media_root, data, field, message):
    client.force_login(publisher)

    response = post(client, **data)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["field"] == field and message in response.json()["error"]
    assert not UploadedImage.objects.exists() and not media_root.exists()


def test_a_too_large_file_is_refused_with_its_size(client, publisher, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 2048
    client.force_login(publisher)
    response = post(client, file=image_file(picture("BMP", (200, 200)), name="big.png"))
    assert response.status_code == 400
    assert "파일이 너무 큽니다" in response.json()["error"] and "2.0" in response.json()["error"]


def test_csrf_is_required(publisher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(publisher)
    assert post(client).status_code == 403

    token = client.get(reverse("admin:index")).context["csrf_token"]
    response = client.post(URL, {"file": image_file(), "alt": "설정 화면"}, headers={"X-CSRFToken": str(token)})
    assert response.status_code == 201


def test_the_same_picture_twice_is_stored_once(client, publisher, media_root):
    client.force_login(publisher)
    first = post(client).json()
    again = post(client, alt="같은 화면, 다른 설명").json()
    assert first["url"] == again["url"] and again["alt"] == "같은 화면, 다른 설명"
    assert UploadedImage.objects.count() == 1
    assert len(list((media_root / "images").rglob("*.png"))) == 1


def test_the_upload_list_in_the_admin_is_read_only(client, publisher):
    client.force_login(publisher)
    post(client)
    listing = client.get(reverse("admin:images_uploadedimage_changelist"))
    assert listing.status_code == 200 and "로그인 화면의 비밀번호 찾기 버튼" in listing.content.decode()
    assert client.get(reverse("admin:images_uploadedimage_add")).status_code == 403
    image = UploadedImage.objects.get()
    assert client.post(reverse("admin:images_uploadedimage_delete", args=[image.pk]), {"post": "yes"}).status_code == 403
    assert UploadedImage.objects.exists()
