from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("검색 인사이트")

    def ready(self):
        from search import synonyms as search_synonyms

        from . import synonyms  # connects the signals that record synonym changes
        from .suggest import did_you_mean

        search_synonyms.register(synonyms.synonyms_for)
        search_synonyms.register_corrector(did_you_mean)
