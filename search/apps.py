from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("검색")

    def ready(self):
        from . import signals

        signals.connect()  # article and taxonomy writes reach the index through the change log
