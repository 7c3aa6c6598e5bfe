from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("검색 인사이트")

    def ready(self):
        from . import synonyms  # noqa: F401  (connects the cache invalidation signals)
