from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from insights.models import SearchClick, SearchLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def aged_log(make_article):
    article = make_article()
    now = timezone.now()
    for days in (120, 91, 60, 1):
        entry = SearchLog.objects.create(query=f"{days}일 전", result_count=1, created_at=now - timedelta(days=days))
        SearchClick.objects.create(search=entry, article=article, position=1)


def remaining():
    return sorted(SearchLog.objects.values_list("query", flat=True))


def test_default_retention_from_settings(aged_log, settings, capsys):
    settings.SEARCH_LOG_RETENTION_DAYS = 90
    call_command("prune_search_log")
    assert remaining() == ["1일 전", "60일 전"]
    assert SearchClick.objects.count() == 2  # clicks go with their search
    assert "Deleted 2 search log entries" in capsys.readouterr().out


def test_days_option_overrides(aged_log):
    call_command("prune_search_log", "--days", "30")
    assert remaining() == ["1일 전"]


def test_negative_days_is_an_error(aged_log):
    with pytest.raises(CommandError):
        call_command("prune_search_log", "--days", "-1")
    assert len(remaining()) == 4
