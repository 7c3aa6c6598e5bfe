from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.importing import ImportInvalid, ImportSource, import_articles

TAXONOMY = "taxonomy.json"
ARTICLES = "demo_articles.jsonl"


class Command(BaseCommand):
    help = "fixtures/의 데모 도움말 센터(분류와 문서)를 불러옵니다. 여러 번 실행해도 안전합니다."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures-dir", default=str(settings.BASE_DIR / "fixtures"))

    def handle(self, *args, fixtures_dir, **options):
        directory = Path(fixtures_dir)
        missing = [name for name in (TAXONOMY, ARTICLES) if not (directory / name).is_file()]
        if missing:
            raise CommandError(
                f"데모 콘텐츠 파일이 없습니다: {', '.join(str(directory / name) for name in missing)}. "
                "fixtures/에 taxonomy.json과 demo_articles.jsonl이 있어야 합니다."
            )
        # Natural keys (slug): loading again updates the same rows instead of adding new ones.
        call_command("loaddata", str(directory / TAXONOMY), verbosity=0)
        try:
            summary = import_articles(sources=[ImportSource.from_path(directory / ARTICLES)])
        except ImportInvalid as exc:
            raise CommandError(f"데모 문서를 불러오지 못했습니다:\n{exc}") from exc
        for line in summary.lines():
            self.stdout.write(line)
