from django.core.management.base import BaseCommand

from articles.counters import fold_counters


class Command(BaseCommand):
    help = "조회수와 '도움이 되었나요?' 응답을 문서 집계에 반영합니다(cron에서 1분마다 실행)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, batch_size, **options):
        result = fold_counters(batch_size=batch_size)
        self.stdout.write(
            f"반영한 기록 {result.events}건, 문서 {len(result.article_ids)}개"
            f"(잠겨 있어 다음으로 미룬 문서 {len(result.skipped_articles)}개), 정리한 오래된 기록 {result.pruned}건"
        )
