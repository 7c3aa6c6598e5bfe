from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from images.references import find_orphans
from images.services import images_delete


class Command(BaseCommand):
    help = (
        "어떤 문서 본문(과 저장된 변경 이력)에도 쓰이지 않는 오래된 업로드 이미지를 보여 줍니다. "
        "--delete를 주면 지웁니다(주지 않으면 목록만)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days", type=int, default=7,
            help="이보다 오래된 업로드만 대상(기본 7일: 아직 저장하지 않은 편집 중인 문서의 이미지를 지키는 유예 기간)",
        )
        parser.add_argument("--delete", action="store_true", help="목록의 이미지를 실제로 지웁니다.")

    def handle(self, *args, older_than_days, delete, **options):
        cutoff = timezone.now() - timedelta(days=max(older_than_days, 0))
        orphans = find_orphans(uploaded_before=cutoff)
        for image in orphans.images:
            self.stdout.write(
                f"{image.file.name}\t{filesizeformat(image.size)}\t{timezone.localtime(image.uploaded_at):%Y-%m-%d %H:%M}\t{image.alt}"
            )
        for name in orphans.files:
            self.stdout.write(f"{name}\t(기록 없는 파일)")
        if not delete:
            self.stdout.write(
                f"쓰이지 않는 이미지 {len(orphans.images)}개, 기록 없는 파일 {len(orphans.files)}개"
                + (" — 지우려면 --delete를 붙여 다시 실행하세요." if len(orphans) else ".")
            )
            return
        removed = images_delete(images=orphans.images, uploaded_before=cutoff)
        for name in orphans.files:
            default_storage.delete(name)
        self.stdout.write(f"이미지 {removed}개와 기록 없는 파일 {len(orphans.files)}개를 지웠습니다.")
