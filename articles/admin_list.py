"""The article list in the admin: compact columns and the filters staff ask for."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Article, Category


def category_label(category: Category) -> str:
    """`서비스 › 카테고리`: two services may each have a category called 일반."""
    return f"{category.service.name} › {category.name}"


def short_date(value) -> str:
    return timezone.localtime(value).strftime("%Y.%m.%d") if value else "-"


class CategoryFilter(admin.SimpleListFilter):
    title = _("카테고리")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return [(str(category.pk), category_label(category)) for category in Category.objects.select_related("service")]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(category_id=value) if value and value.isdigit() else queryset


class HasVariantsFilter(admin.SimpleListFilter):
    """Articles whose question_key is shared by an article on another platform."""

    title = _("다른 플랫폼 문서")
    parameter_name = "has_variants"

    def lookups(self, request, model_admin):
        return [("yes", _("있음")), ("no", _("없음"))]

    def queryset(self, request, queryset):
        sibling = Article.objects.filter(question_key=OuterRef("question_key")).exclude(pk=OuterRef("pk"))
        has_variants = Q(Exists(sibling)) & ~Q(question_key="")
        if self.value() == "yes":
            return queryset.filter(has_variants)
        if self.value() == "no":
            return queryset.exclude(has_variants)
        return queryset


class ArticleListColumns:
    """Mixed into ArticleAdmin: title first, one taxonomy column, a status badge, short dates."""

    @admin.display(description=_("분류"), ordering="service__order")
    def taxonomy(self, obj: Article) -> str:
        return format_html(
            '<span class="taxonomy">[{}][{}][{}]</span>', obj.service.name, obj.category.name, obj.platform.name
        )

    @admin.display(description=_("상태"), ordering="status")
    def status_badge(self, obj: Article) -> str:
        scheduled = obj.status == Article.Status.PUBLISHED and not obj.is_public
        label = _("예약") if scheduled else obj.get_status_display()
        kind = "scheduled" if scheduled else obj.status
        return format_html('<span class="status-badge status-{}">{}</span>', kind, label)

    @admin.display(description=_("게시일"), ordering="published_at")
    def published_on(self, obj: Article) -> str:
        return short_date(obj.published_at)

    @admin.display(description=_("수정일"), ordering="updated_at")
    def updated_on(self, obj: Article) -> str:
        return short_date(obj.updated_at)
