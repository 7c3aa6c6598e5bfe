"""Model write paths -> index updates. Connected in ArticlesConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from ..models import Article, Category, Platform, Service
from . import index

TAXONOMY_FIELDS = ("name", "is_active")


def article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if raw:
        # loaddata: related rows may not exist yet; index once the fixture is committed.
        transaction.on_commit(lambda: index.reindex([instance.pk]))
        return
    index.reindex([instance.pk])


def article_deleted(sender, instance: Article, **kwargs) -> None:
    index.remove([instance.pk])


def taxonomy_before_save(sender, instance, raw: bool = False, **kwargs) -> None:
    old = sender.objects.filter(pk=instance.pk).values(*TAXONOMY_FIELDS).first() if instance.pk else None
    instance._search_fields_changed = old is None or any(old[f] != getattr(instance, f) for f in TAXONOMY_FIELDS)


def taxonomy_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    index.touch()  # names, slugs and order of the facet values
    if created or raw or not getattr(instance, "_search_fields_changed", True):
        return
    # A rename changes the searchable names; (de)activation adds or removes the articles.
    ids = Article.objects.filter(**{sender.__name__.lower(): instance}).values_list("pk", flat=True)
    index.reindex(list(ids))


def taxonomy_deleted(sender, instance, **kwargs) -> None:
    index.touch()


def connect() -> None:
    post_save.connect(article_saved, sender=Article, dispatch_uid="search_article_saved")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="search_article_deleted")
    for model in (Service, Category, Platform):
        pre_save.connect(taxonomy_before_save, sender=model, dispatch_uid=f"search_{model.__name__}_pre")
        post_save.connect(taxonomy_saved, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(taxonomy_deleted, sender=model, dispatch_uid=f"search_{model.__name__}_deleted")
