import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from js_asset import Media as JsMedia
from reversion.models import Version

from .admin_import import article_import_job_view, article_import_view
from .admin_list import ArticleListColumns, CategoryFilter, HasVariantsFilter, category_label
from .editor import body_editor
from .models import Article, Category, Platform, Service
from .revision_diff import compare_versions
from .roles import can_publish
from .sanitize import foreign_image_sources, images_without_alt, sanitize_html
from .services import article_restore, articles_bulk_set_status

admin.site.site_header = gettext_lazy("도움말 센터 관리")
admin.site.site_title = gettext_lazy("도움말 센터 관리")
admin.site.index_title = gettext_lazy("콘텐츠 관리")


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {}


@admin.register(Service)
class ServiceAdmin(TaxonomyAdmin):
    pass


@admin.register(Platform)
class PlatformAdmin(TaxonomyAdmin):
    pass


@admin.register(Category)
class CategoryAdmin(TaxonomyAdmin):
    list_display = ["name", "service", "slug", "order", "is_active"]
    list_filter = ["service"]
    list_select_related = ["service"]
    autocomplete_fields = ["service"]
    search_fields = ["name", "slug", "service__name"]


def category_choices() -> list:
    """Categories grouped by service and labelled `서비스 › 카테고리` (admin-category.js narrows them)."""
    groups: dict[str, list] = {}
    for category in Category.objects.select_related("service").order_by("service__order", "service__name", "order", "name"):
        groups.setdefault(category.service.name, []).append((category.pk, category_label(category)))
    return [("", "---------"), *groups.items()]


class ArticleAdminForm(forms.ModelForm):
    """Adds the optimistic-lock token and the publish rule to the admin form."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    request = None  # set by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"body": body_editor()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        if "category" in self.fields:
            self.fields["category"].choices = category_choices()
        if "published_at" in self.fields and hasattr(self.fields["published_at"].widget, "widgets"):
            # The field's one <label> points at the date input; the time input needs a name of its own.
            date_input, time_input = self.fields["published_at"].widget.widgets
            date_input.attrs["aria-label"] = _("게시 날짜")
            time_input.attrs["aria-label"] = _("게시 시각")
        if self.request is not None and not can_publish(self.request.user) and "status" in self.fields:
            self.fields["status"].choices = [(Article.Status.DRAFT, Article.Status.DRAFT.label)]

    def clean_body(self):
        """Images are refused at save, not dropped in silence: one from another site (pasted from a web
        page or typed in the HTML view) and one without a text alternative are both errors."""
        body = self.cleaned_data["body"]
        problems = []
        if foreign := foreign_image_sources(body):
            problems.append(ValidationError(
                _("이 사이트에 올린 이미지만 넣을 수 있습니다(다른 주소의 이미지 %(count)d개: %(sources)s). "
                  "파일로 받아 '이미지 넣기'로 올려 주세요."),
                code="foreign_image",
                params={"count": len(foreign), "sources": ", ".join(foreign[:3])},
            ))
        if missing := images_without_alt(sanitize_html(body)):
            problems.append(ValidationError(
                _("대체 텍스트가 없는 이미지가 %(count)d개 있습니다(%(sources)s). "
                  "이미지를 누르고 'ALT' 단추로 무엇을 보여 주는 이미지인지 적어 주세요."),
                code="image_without_alt",
                params={"count": len(missing), "sources": ", ".join(missing[:3])},
            ))
        if problems:
            raise ValidationError(problems)
        return body

    def clean_status(self):
        status = self.cleaned_data["status"]
        user = self.request.user if self.request else None
        if status != Article.Status.DRAFT and not can_publish(user):
            raise ValidationError(_("편집자는 초안만 저장할 수 있습니다. 게시는 게시자에게 요청하세요."))
        return status

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                Article.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )
            if cleaned.get("loaded_version") != current:
                raise ValidationError(
                    _(
                        "이 문서를 여는 사이에 다른 직원이 먼저 저장했습니다. 덮어쓰지 않도록 저장을 막았습니다. "
                        "변경 내용을 따로 복사한 뒤 페이지를 새로 고쳐 최신 내용에서 다시 편집하세요."
                    ),
                    code="edit_conflict",
                )
        return cleaned


@admin.register(Article)
class ArticleAdmin(ArticleListColumns, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "taxonomy", "status_badge", "published_on", "updated_on"]
    list_display_links = ["title"]
    list_filter = ["service", CategoryFilter, "platform", "status", HasVariantsFilter]
    list_select_related = ["service", "category", "platform"]
    search_fields = ["title", "body", "tags", "=external_id"]
    autocomplete_fields = ["platform"]
    date_hierarchy = "updated_at"
    readonly_fields = ["view_count", "helpful_count", "not_helpful_count", "created_at", "updated_at", "preview_link"]
    actions = ["publish", "unpublish", "archive"]
    fieldsets = [
        (None, {"fields": ["service", "category", "platform", "title", "body", "tags", "loaded_version"]}),
        (gettext_lazy("게시"), {"fields": ["status", "published_at", "question_key", "external_id", "preview_link"]}),
        (gettext_lazy("통계"), {"fields": ["view_count", "helpful_count", "not_helpful_count", "created_at", "updated_at"]}),
    ]

    class Media:
        css = {"all": ["admin-staff/article-admin.css"]}
        js = ["admin-staff/admin-category.js", "admin-staff/admin-editor.js"]

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor's modules need an inline import map: it carries this response's CSP nonce.
        context["media"] = JsMedia.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def view_on_site(self, obj):
        # Unpublished articles 404 on the public site; staff land on the preview instead.
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def has_change_permission(self, request, obj=None):
        # Editors may open published/archived articles but only publishers may change them.
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status != Article.Status.DRAFT:
            return can_publish(request.user)
        return allowed

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_publish(request.user):
            for name in ("publish", "unpublish", "archive"):
                actions.pop(name, None)
        return actions

    def save_model(self, request, obj, form, change):
        with reversion.create_revision():
            super().save_model(request, obj, form, change)
            reversion.set_user(request.user)
            reversion.set_comment(_("관리 화면에서 수정") if change else _("관리 화면에서 작성"))

    def _bulk_status(self, request, queryset, status, done_message):
        try:
            count = articles_bulk_set_status(queryset=queryset, status=status, user=request.user)
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, done_message % {"count": count}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("선택한 문서 게시"), permissions=["publish"])
    def publish(self, request, queryset):
        self._bulk_status(request, queryset, Article.Status.PUBLISHED, _("%(count)d건을 게시했습니다."))

    @admin.action(description=gettext_lazy("선택한 문서 게시 취소(초안으로)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._bulk_status(request, queryset, Article.Status.DRAFT, _("%(count)d건을 초안으로 돌렸습니다."))

    @admin.action(description=gettext_lazy("선택한 문서 보관"), permissions=["publish"])
    def archive(self, request, queryset):
        self._bulk_status(request, queryset, Article.Status.ARCHIVED, _("%(count)d건을 보관했습니다."))

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.display(description=gettext_lazy("미리보기"))
    def preview_link(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("admin:articles_article_preview", args=[obj.pk]),
            _("공개 화면처럼 미리보기"),
        )

    def get_urls(self):
        extra = [
            path("import/", self.admin_site.admin_view(article_import_view), name="articles_article_import"),
            path(
                "import/<int:job_id>/",
                self.admin_site.admin_view(article_import_job_view),
                name="articles_article_import_job",
            ),
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="articles_article_preview"),
            path(
                "<int:pk>/revisions/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:pk>/revisions/<int:version_id>/",
                self.admin_site.admin_view(self.revision_view),
                name="articles_article_revision",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request, pk):
        article = get_object_or_404(Article.objects.with_taxonomy(), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        context = {"article": article, "is_preview": True, "variants": [], "related": []}
        return TemplateResponse(request, "articles/article_detail.html", context)

    def history_view(self, request, object_id, extra_context=None):
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision", "revision__user")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "versions": versions,
            "title": _("변경 이력: %(title)s") % {"title": article.title},
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, pk):
        """Two versions picked on the history page, shown older → newer whatever order they came in."""
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision", "revision__user")
        picked = [value for value in (request.GET.get("old", ""), request.GET.get("new", "")) if value.isdigit()]
        chosen = sorted(versions.filter(pk__in=picked), key=lambda version: (version.revision.date_created, version.pk))
        if len(chosen) != 2:
            self.message_user(request, _("비교할 두 버전을 고르세요."), messages.WARNING)
            return redirect("admin:articles_article_history", article.pk)
        old, new = chosen
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "old": old,
            "new": new,
            "diff": compare_versions(old.field_dict, new.field_dict),
            "title": _("버전 비교"),
        }
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def revision_view(self, request, pk, version_id):
        article = get_object_or_404(Article, pk=pk)
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            article_restore(article=article, version=version, user=request.user)
            self.message_user(request, _("선택한 버전의 내용으로 복원했습니다."), messages.SUCCESS)
            return redirect("admin:articles_article_change", article.pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        fields = version.field_dict
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "version": version,
            "old_title": fields.get("title", ""),
            "old_tags": fields.get("tags", ""),
            "old_status": fields.get("status", ""),
            # Stored bodies were sanitised on save; sanitising again costs little and guards old data.
            "old_body": mark_safe(sanitize_html(fields.get("body", ""))),
            "can_restore": self.has_change_permission(request, article),
            "title": _("이전 버전 보기"),
        }
        return TemplateResponse(request, "admin/articles/article/revision_detail.html", context)
