from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import FORMATS, ImportInvalid, ImportSource, import_articles


class Command(BaseCommand):
    help = "JSON, JSON Lines, CSV 파일에서 문서를 가져옵니다. 잘못된 레코드가 하나라도 있으면 아무것도 저장하지 않습니다."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=FORMATS, help="확장자 대신 이 형식으로 읽습니다.")
        parser.add_argument("--dry-run", action="store_true", help="검사와 집계만 하고 저장하지 않습니다.")
        parser.add_argument(
            "--no-create-taxonomy", action="store_true", help="없는 서비스·카테고리·플랫폼을 만들지 않고 오류로 처리합니다."
        )

    def handle(self, *args, files, format, dry_run, no_create_taxonomy, **options):
        bar = None

        def on_progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit="건", desc="가져오는 중", dynamic_ncols=True)
            bar.update(done - bar.n)

        missing = [path for path in files if not _readable(path)]
        if missing:
            raise CommandError("파일을 읽을 수 없습니다: " + ", ".join(missing))
        try:
            summary = import_articles(
                sources=[ImportSource.from_path(path) for path in files],
                fmt=format,
                dry_run=dry_run,
                create_taxonomy=not no_create_taxonomy,
                on_progress=on_progress if self.stdout.isatty() else None,
            )
        except ImportInvalid as exc:
            raise CommandError(
                f"잘못된 레코드가 있어 아무것도 저장하지 않았습니다(오류 {len(exc.errors)}건):\n{exc}"
            ) from exc
        finally:
            if bar is not None:
                bar.close()
        for line in summary.lines():
            self.stdout.write(line)


def _readable(path: str) -> bool:
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False
