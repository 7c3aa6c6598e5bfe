from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import MAX_QUERY_LENGTH, normalise


class SearchLogQuerySet(models.QuerySet):
    def between(self, start, end):
        """Entries with start <= created_at < end (aware datetimes)."""
        return self.filter(created_at__gte=start, created_at__lt=end)

    def older_than(self, cutoff):
        return self.filter(created_at__lt=cutoff)


class SearchLog(models.Model):
    """One public search. Deliberately no IP address, user, user agent or Django session key."""

    class Source(models.TextChoices):
        WEB = "web", _("웹")
        API = "api", _("API")

    query = models.CharField(_("검색어"), max_length=MAX_QUERY_LENGTH, db_index=True)
    filters = models.JSONField(_("필터"), default=dict, blank=True)
    result_count = models.PositiveIntegerField(_("결과 수"))
    sort = models.CharField(_("정렬"), max_length=20, blank=True)
    source = models.CharField(_("경로"), max_length=3, choices=Source.choices, default=Source.WEB)
    # A random token kept in the visitor's session, so one visitor's searches can be grouped anonymously.
    session_token = models.CharField(_("익명 세션"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("시각"), default=timezone.now, db_index=True)

    objects = SearchLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("검색 기록")
        verbose_name_plural = _("검색 기록")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.query


class SearchClick(models.Model):
    search = models.ForeignKey(SearchLog, on_delete=models.CASCADE, related_name="clicks", verbose_name=_("검색"))
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="search_clicks", verbose_name=_("문서")
    )
    position = models.PositiveSmallIntegerField(_("순위"))
    created_at = models.DateTimeField(_("시각"), default=timezone.now)

    class Meta:
        verbose_name = _("검색 결과 클릭")
        verbose_name_plural = _("검색 결과 클릭")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(position__gte=1), name="search_click_position_from_1")]

    def __str__(self):
        return f"{self.search_id} → {self.article_id} (#{self.position})"


def split_terms(raw: str) -> list[str]:
    """"탈퇴, 계정  삭제,탈퇴" -> ["탈퇴", "계정 삭제"]: normalised, de-duplicated, in the order written."""
    terms = []
    for part in (raw or "").replace("\n", ",").split(","):
        term = normalise(part)
        if term and term not in terms:
            terms.append(term)
    return terms


class SynonymGroup(models.Model):
    terms = models.TextField(
        _("동의어"), help_text=_("쉼표로 구분한 같은 뜻의 검색어. 예: 탈퇴, 계정 삭제, 회원 탈퇴")
    )
    note = models.CharField(_("메모"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)

    class Meta:
        verbose_name = _("동의어 묶음")
        verbose_name_plural = _("동의어 묶음")
        ordering = ["pk"]

    def __str__(self):
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(split_terms(self.terms)) < 2:
            raise ValidationError({"terms": _("서로 다른 검색어를 두 개 이상 쉼표로 구분해 입력하세요.")})

    def save(self, *args, **kwargs):
        self.terms = ", ".join(split_terms(self.terms))
        super().save(*args, **kwargs)
