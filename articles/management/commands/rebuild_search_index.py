"""Rebuild the search index from scratch: `python manage.py rebuild_search_index`."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import Article
from articles.search import index


class Command(BaseCommand):
    help = "검색 색인을 처음부터 다시 만듭니다 (게시된 문서만 색인됩니다)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=index.BATCH_SIZE)

    def handle(self, *args, batch_size: int, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        stream = getattr(self.stdout, "_out", self.stdout)
        tty = hasattr(stream, "isatty") and stream.isatty()
        with tqdm(total=len(ids), unit="문서", disable=not tty, file=sys.stderr) as bar:
            index.rebuild(ids, progress=bar.update, batch_size=batch_size)
        self.stdout.write(self.style.SUCCESS(f"{len(index.indexed_ids())}개 문서를 색인했습니다 (전체 {len(ids)}개 중)."))
