"""Model writes -> the change log (search/changes.py). Connected in SearchConfig.ready().

`articles` knows nothing of search: single saves and deletes arrive through Django's model signals,
bulk writes (import, bulk status) through `articles.signals.articles_changed`, folded counters
through `articles.signals.counters_folded`.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from articles.models import Article, Category, Platform, Service
from articles.signals import articles_changed, counters_folded

from . import changes

TAXONOMY_FIELDS = ("name", "is_active")


def article_saved(sender, instance: Article, **kwargs) -> None:
    changes.record([instance.pk])


def article_deleted(sender, instance: Article, **kwargs) -> None:
    changes.record([instance.pk])


def bulk_changed(sender, article_ids, **kwargs) -> None:
    changes.record(article_ids)


def taxonomy_before_save(sender, instance, raw: bool = False, **kwargs) -> None:
    old = sender.objects.filter(pk=instance.pk).values(*TAXONOMY_FIELDS).first() if instance.pk else None
    instance._search_fields_changed = old is None or any(old[f] != getattr(instance, f) for f in TAXONOMY_FIELDS)


def taxonomy_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created or raw or not getattr(instance, "_search_fields_changed", True):
        changes.record()  # names, slugs and order of the facet values
        return
    # A rename changes the searchable names; (de)activation adds or removes the articles.
    changes.record(Article.objects.filter(**{sender.__name__.lower(): instance}).values_list("pk", flat=True))


def taxonomy_deleted(sender, instance, **kwargs) -> None:
    changes.record()


def connect() -> None:
    post_save.connect(article_saved, sender=Article, dispatch_uid="search_article_saved")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="search_article_deleted")
    articles_changed.connect(bulk_changed, dispatch_uid="search_articles_changed")
    # Folded view counts reorder `popular`: the articles are re-indexed with their new counts.
    counters_folded.connect(bulk_changed, dispatch_uid="search_counters_folded")
    for model in (Service, Category, Platform):
        pre_save.connect(taxonomy_before_save, sender=model, dispatch_uid=f"search_{model.__name__}_pre")
        post_save.connect(taxonomy_saved, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(taxonomy_deleted, sender=model, dispatch_uid=f"search_{model.__name__}_deleted")
