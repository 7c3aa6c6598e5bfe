from django.core.management.base import BaseCommand

from articles.exporting import export_articles
from articles.importing import FORMATS


class Command(BaseCommand):
    help = "문서를 가져오기 형식(json, jsonl, csv)으로 내보냅니다."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="jsonl")
        parser.add_argument("--output", help="파일 경로 (없으면 표준 출력)")

    def handle(self, *args, format, output, **options):
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = export_articles(stream=stream, fmt=format)
            self.stderr.write(f"문서 {count}건을 {output}에 내보냈습니다.")
        else:
            export_articles(stream=_Unterminated(self.stdout), fmt=format)


class _Unterminated:
    """Command output adds a newline per write unless told otherwise."""

    def __init__(self, out):
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(text, ending="")
