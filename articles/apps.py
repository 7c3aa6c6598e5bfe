from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("도움말")

    def ready(self):
        from django.core.signals import request_finished

        from .counters import fold_soon

        request_finished.connect(fold_soon, dispatch_uid="articles.fold_soon")
