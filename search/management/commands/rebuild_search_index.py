"""Rebuild the search index from the database: `python manage.py rebuild_search_index`.

The new index is built beside the live one and swapped in; searches keep answering meanwhile."""

from django.core.management.base import BaseCommand

from search import sync


class Command(BaseCommand):
    help = "검색 색인을 데이터베이스에서 새로 만들어 바꿔 끼웁니다 (그동안에도 검색은 계속됩니다)."

    def handle(self, *args, **options):
        count = sync.rebuild()
        self.stdout.write(self.style.SUCCESS(f"{count}개 문서를 색인했습니다."))
