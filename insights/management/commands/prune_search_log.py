from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insights.models import SearchLog


class Command(BaseCommand):
    help = "Delete search log entries (and their clicks) older than SEARCH_LOG_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Keep this many days instead of SEARCH_LOG_RETENTION_DAYS."
        )

    def handle(self, *args, days=None, **options):
        days = settings.SEARCH_LOG_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        cutoff = timezone.now() - timedelta(days=days)
        deleted, per_model = SearchLog.objects.older_than(cutoff).delete()
        searches = per_model.get(SearchLog._meta.label, 0)
        self.stdout.write(f"Deleted {searches} search log entries older than {days} days ({deleted} rows in all).")
