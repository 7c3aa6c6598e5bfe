"""`orphaned_images`: lists uploads no article body or revision uses, older than the grace period;
deletes them (rows and files) only with --delete."""

import os
from datetime import timedelta
from io import StringIO

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from articles.tests.factories import make_article
from images.models import UploadedImage
from images.services import image_upload

from .conftest import picture

pytestmark = pytest.mark.django_db


def uploaded(color, days_old: int = 30) -> UploadedImage:
    file = SimpleUploadedFile("shot.png", picture("PNG", (320, 200), color=color))
    image = image_upload(file=file, alt="설정 화면", user=None)
    UploadedImage.objects.filter(pk=image.pk).update(uploaded_at=timezone.now() - timedelta(days=days_old))
    return image


def shown(image: UploadedImage) -> str:
    return f'<p>화면을 보세요.</p><img src="{image.url}" alt="{image.alt}" width="{image.width}" height="{image.height}">'


def run(*args) -> str:
    out = StringIO()
    call_command("orphaned_images", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def uploads(media_root):
    in_body = uploaded((1, 0, 0))
    make_article(title="채팅방 나가기", body=shown(in_body))
    in_revision = uploaded((2, 0, 0))
    article = make_article(title="알림 끄기", body=shown(in_revision))
    with reversion.create_revision():
        article.save()
    article.body = "<p>이미지를 뺀 새 본문</p>"
    article.save()
    unused = uploaded((3, 0, 0))
    fresh = uploaded((4, 0, 0), days_old=1)
    stray = default_storage.save("images/2026/01/ffffffffffffffffffffffffffffffff.png", ContentFile(picture()))
    month_ago = (timezone.now() - timedelta(days=30)).timestamp()
    os.utime(media_root / stray, (month_ago, month_ago))  # a file left by a failed delete, long ago
    default_storage.save("images/2026/11/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.png", ContentFile(picture()))  # being saved now
    return {"in_body": in_body, "in_revision": in_revision, "unused": unused, "fresh": fresh, "stray": stray}


def test_a_dry_run_lists_only_old_unused_uploads_and_deletes_nothing(uploads):
    output = run()

    assert uploads["unused"].file.name in output
    assert uploads["stray"] in output and "기록 없는 파일" in output
    for kept in ("in_body", "in_revision", "fresh"):
        assert uploads[kept].file.name not in output, kept
    assert "쓰이지 않는 이미지 1개, 기록 없는 파일 1개" in output and "--delete" in output
    assert UploadedImage.objects.count() == 4
    assert default_storage.exists(uploads["unused"].file.name) and default_storage.exists(uploads["stray"])


def test_delete_removes_rows_and_files_of_orphans_only(uploads):
    output = run("--delete")

    assert "이미지 1개와 기록 없는 파일 1개를 지웠습니다" in output
    assert not UploadedImage.objects.filter(pk=uploads["unused"].pk).exists()
    assert not default_storage.exists(uploads["unused"].file.name)
    assert not default_storage.exists(uploads["stray"])
    for kept in ("in_body", "in_revision", "fresh"):
        assert default_storage.exists(uploads[kept].file.name), kept
    assert UploadedImage.objects.count() == 3
    assert "쓰이지 않는 이미지 0개, 기록 없는 파일 0개." in run()


def test_the_grace_period_is_an_option(uploads):
    assert uploads["fresh"].file.name in run("--older-than-days", "0")
    assert uploads["unused"].file.name not in run("--older-than-days", "60")


def test_a_reference_under_another_media_address_still_counts(settings, uploads):
    # Bodies written before MEDIA_URL moved to a bucket still name the file: it must not look unused.
    make_article(title="예전 주소의 이미지", body=f'<p>x</p><p>https://old.example.com/media/{uploads["unused"].file.name}</p>')
    assert uploads["unused"].file.name not in run()


def test_an_upload_renewed_by_a_second_upload_is_not_deleted(uploads):
    again = image_upload(file=SimpleUploadedFile("again.png", picture("PNG", (320, 200), color=(3, 0, 0))), alt="다시", user=None)
    assert again.pk == uploads["unused"].pk
    assert uploads["unused"].file.name not in run("--delete")
    assert default_storage.exists(uploads["unused"].file.name)


def test_with_nothing_uploaded_there_is_nothing_to_list():
    assert "쓰이지 않는 이미지 0개, 기록 없는 파일 0개." in run()
