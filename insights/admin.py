from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from helpcenter.admin import ReadOnlyAdmin

from .charts import daily_chart
from .models import SearchLog, SynonymGroup
from .reports import DateRangeForm, article_insight, default_range, search_report
from .synonym_suggestions import InvalidPair, accept_synonym, suggest_synonyms

REPORT_PERMISSION = "insights.view_searchlog"
ACCEPT_PERMISSIONS = ("insights.add_synonymgroup", "insights.change_synonymgroup")


@admin.register(SearchLog)
class SearchLogAdmin(ReadOnlyAdmin):
    """Read-only: entries are written by searches and removed by prune_search_log."""

    list_display = ["created_at", "query", "result_count", "filters", "sort", "source", "click_count"]
    list_filter = ["source", "created_at"]
    search_fields = ["query"]
    date_hierarchy = "created_at"
    list_per_page = 100
    show_full_result_count = False

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(click_total=Count("clicks"))

    @admin.display(description=_("클릭"), ordering="click_total")
    def click_count(self, obj):
        return obj.click_total

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("report/", view(self.report_view), name="insights_searchlog_report"),
            path("article/<int:pk>/", view(self.article_view), name="insights_searchlog_article"),
            path("synonym-suggestions/", view(self.suggestions_view), name="insights_searchlog_synonyms"),
            path(
                "synonym-suggestions/accept/", view(self.accept_view), name="insights_searchlog_synonyms_accept"
            ),
            *super().get_urls(),
        ]

    def _range(self, request):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        form = DateRangeForm(request.GET or None)
        start, end = (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else default_range()
        if not form.is_bound:
            form = DateRangeForm(initial={"start": start, "end": end})
        return form, start, end

    def _render(self, request, template, title, **context):
        return TemplateResponse(
            request,
            template,
            {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **context},
        )

    def report_view(self, request):
        form, start, end = self._range(request)
        report = search_report(start=start, end=end)
        return self._render(
            request,
            "admin/insights/report.html",
            _("검색 리포트"),
            form=form,
            report=report,
            chart=daily_chart(report.days),
            range_query=f"start={start.isoformat()}&end={end.isoformat()}",
            add_article_url=reverse("admin:articles_article_add"),
            # Editors may view synonyms but only publishers add them: no link they cannot follow.
            add_synonym_url=reverse("admin:insights_synonymgroup_add")
            if request.user.has_perm("insights.add_synonymgroup")
            else "",
            synonym_note=_("검색 리포트에서 추가"),
        )

    def article_view(self, request, pk):
        form, start, end = self._range(request)
        article = get_object_or_404(Article, pk=pk)
        return self._render(
            request,
            "admin/insights/article_insight.html",
            _("문서 인사이트: %(title)s") % {"title": article.title},
            form=form,
            insight=article_insight(article, start=start, end=end),
            start=start,
            end=end,
        )

    def suggestions_view(self, request):
        form, start, end = self._range(request)
        return self._render(
            request,
            "admin/insights/synonym_suggestions.html",
            _("동의어 제안"),
            form=form,
            suggestions=suggest_synonyms(start=start, end=end),
            can_accept=request.user.has_perms(ACCEPT_PERMISSIONS),
            start=start,
            end=end,
        )

    def accept_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perms(ACCEPT_PERMISSIONS):
            raise PermissionDenied
        try:
            group = accept_synonym(
                failed_query=request.POST.get("failed_query", ""), clicked_query=request.POST.get("clicked_query", "")
            )
        except InvalidPair as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("동의어 묶음에 추가했습니다: %(terms)s") % {"terms": group.terms})
        back = reverse("admin:insights_searchlog_synonyms")
        dates = DateRangeForm({"start": request.POST.get("start", ""), "end": request.POST.get("end", "")})
        if dates.is_valid():  # go back to the range the staff member was looking at
            back += f"?start={dates.cleaned_data['start'].isoformat()}&end={dates.cleaned_data['end'].isoformat()}"
        return HttpResponseRedirect(back)


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]
