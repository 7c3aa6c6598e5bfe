import uuid

import reversion
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .korean import particle
from .sanitize import sanitize_html, strip_control_chars


def make_slug(name: str) -> str:
    """Unicode slug that keeps Hangul: "신고/이용제한/정책" -> "신고-이용제한-정책"."""
    return slugify(name.replace("/", " ").replace("(", " ").replace(")", " "), allow_unicode=True)


class TaxonomyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class TaxonomyManager(models.Manager.from_queryset(TaxonomyQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Taxonomy(models.Model):
    name = models.CharField(_("이름"), max_length=100)
    slug = models.SlugField(_("슬러그"), max_length=120, allow_unicode=True, blank=True)
    order = models.PositiveIntegerField(_("표시 순서"), default=0)
    is_active = models.BooleanField(_("사용"), default=True)

    objects = TaxonomyManager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        self.name = strip_control_chars(self.name).strip()
        if not self.slug:
            self.slug = make_slug(self.name) or uuid.uuid4().hex[:12]
        super().save(*args, **kwargs)


class Service(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("서비스")
        verbose_name_plural = _("서비스")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="service_name_unique"),
            models.UniqueConstraint(fields=["slug"], name="service_slug_unique"),
        ]

    def get_absolute_url(self):
        return reverse("articles:service", args=[self.slug])


class Category(Taxonomy):
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="categories", verbose_name=_("서비스")
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("카테고리")
        verbose_name_plural = _("카테고리")
        ordering = ["service__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="category_name_unique_in_service"),
            # Globally unique so a bare slug identifies a category in URLs and search filters.
            models.UniqueConstraint(fields=["slug"], name="category_slug_unique"),
        ]

    def save(self, *args, **kwargs):
        if not self.slug:
            base = make_slug(self.name) or uuid.uuid4().hex[:12]
            taken = Category.objects.filter(slug=base).exclude(pk=self.pk).exists()
            self.slug = f"{self.service.slug}-{base}" if taken else base
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.service.slug, self.slug])


class Platform(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("플랫폼")
        verbose_name_plural = _("플랫폼")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="platform_name_unique"),
            models.UniqueConstraint(fields=["slug"], name="platform_slug_unique"),
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, publish time passed, taxonomy active."""
        now = now or timezone.now()
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
            service__is_active=True,
            category__is_active=True,
            platform__is_active=True,
        )

    def scheduled(self, now=None):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def with_taxonomy(self):
        return self.select_related("service", "category", "platform")

    def popular(self):
        return self.order_by("-view_count", "-published_at", "-pk")

    def recently_updated(self):
        return self.order_by("-updated_at", "-pk")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def without_body(self, ids) -> list["Article"]:
        """The articles with these ids (any status, no order), body not loaded: what every search
        page reads. One statement through raw(), which converts values as the ORM does: the ORM's
        query compiler cost 0.5 ms of its 1.4 for 20 ids at 100,000 articles."""
        ids = [int(pk) for pk in ids]
        if not ids:
            return []
        ops = connections[self.db].ops
        columns = ", ".join(ops.quote_name(f.column) for f in self.model._meta.concrete_fields if f.name != "body")
        table = ops.quote_name(self.model._meta.db_table)
        pk = ops.quote_name(self.model._meta.pk.column)
        placeholders = ", ".join(["%s"] * len(ids))
        return list(self.raw(f"SELECT {columns} FROM {table} WHERE {pk} IN ({placeholders})", ids))


def new_external_id() -> str:
    return uuid.uuid4().hex


@reversion.register()
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("초안")
        PUBLISHED = "published", _("게시")
        ARCHIVED = "archived", _("보관")

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="articles", verbose_name=_("서비스"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("카테고리")
    )
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="articles", verbose_name=_("플랫폼")
    )
    title = models.CharField(_("제목(질문)"), max_length=200)
    body = models.TextField(_("본문(답변)"), help_text=_("HTML. 스크립트와 이벤트 속성은 저장 시 제거됩니다."))
    tags = models.CharField(
        _("키워드"), max_length=500, blank=True, help_text=_("쉼표로 구분한 추가 검색어. 예: 탈퇴, 계정 삭제")
    )
    question_key = models.SlugField(
        _("같은 질문 묶음 키"),
        max_length=100,
        blank=True,
        allow_unicode=True,
        db_index=True,
        help_text=_("플랫폼만 다른 같은 질문끼리 같은 값을 넣으면 '다른 플랫폼 보기'로 연결됩니다."),
    )
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("게시 시각"), null=True, blank=True, help_text=_("미래 시각이면 그때 공개됩니다(예약 게시).")
    )
    created_at = models.DateTimeField(_("작성 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)
    view_count = models.PositiveIntegerField(_("조회수"), default=0)
    helpful_count = models.PositiveIntegerField(_("도움됨"), default=0)
    not_helpful_count = models.PositiveIntegerField(_("도움 안 됨"), default=0)
    external_id = models.CharField(_("외부 ID"), max_length=100, unique=True, default=new_external_id)
    version = models.PositiveIntegerField(_("버전"), default=1, editable=False)

    objects = ArticleManager()

    class Meta:
        verbose_name = _("도움말 문서")
        verbose_name_plural = _("도움말 문서")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", _("문서를 게시·보관할 수 있음"))]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_pub_idx"),
            models.Index(fields=["-view_count"], name="article_views_idx"),
            models.Index(fields=["-updated_at"], name="article_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_article_has_publish_time",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)

    @property
    def is_public(self) -> bool:
        return self.is_public_at(timezone.now())

    def is_public_at(self, now) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at <= now

    def is_published(self, now=None) -> bool:
        """What ArticleQuerySet.published tests, for an article already loaded: public at `now`
        and its service, category and platform active (read through the relations, which search
        fills from the taxonomy it read at the current search generation)."""
        return (
            self.is_public_at(now or timezone.now())
            and self.service.is_active
            and self.category.is_active
            and self.platform.is_active
        )

    def platform_variants(self):
        """The same question on other platforms, public ones only."""
        if not self.question_key:
            return Article.objects.none()
        return (
            Article.objects.published()
            .filter(question_key=self.question_key)
            .exclude(pk=self.pk)
            .select_related("platform")
            .order_by("platform__order", "platform__name")
        )

    def _stamp_publish_time(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def clean(self):
        self._stamp_publish_time()
        errors = {}
        if self.category_id and self.service_id and self.category.service_id != self.service_id:
            errors["category"] = _("카테고리 '%(category)s'%(particle)s 서비스 '%(service)s'에 속하지 않습니다.") % {
                "category": self.category.name,
                "particle": particle(self.category.name, "은/는"),
                "service": self.service.name,
            }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.title = strip_control_chars(self.title).strip()
        self.body = sanitize_html(self.body)
        self.tags = ", ".join(split_tags(self.tags))
        self._stamp_publish_time()
        if self.pk:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)


def split_tags(raw: str) -> list[str]:
    seen = []
    for part in strip_control_chars(raw or "").split(","):
        tag = " ".join(part.split())
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def new_epoch() -> str:
    """Referenced by migration 0010 (the search state has moved to the search app)."""
    return uuid.uuid4().hex


class CounterEvent(models.Model):
    """One counted view or vote, kept apart from the article row so counting never waits on its lock.

    `article_id` is a plain column, not a foreign key: on PostgreSQL an INSERT referencing the
    article would take a key-share lock on its row and wait behind an import or admin edit.
    `fold_counters()` adds unfolded events to Article's counters later. SEEN rows only remember
    that a visitor saw an article today (so their next view is not counted again); they never count.
    """

    class Kind(models.IntegerChoices):
        SEEN = 0, _("본 적 있음")
        VIEW = 1, _("조회")
        HELPFUL = 2, _("도움됨")
        NOT_HELPFUL = 3, _("도움 안 됨")

    article_id = models.BigIntegerField()
    kind = models.SmallIntegerField(choices=Kind.choices)
    visitor = models.CharField(max_length=32)  # a keyed hash, never a raw cookie or address
    day = models.DateField()
    folded = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("집계 대기 기록")
        verbose_name_plural = _("집계 대기 기록")
        constraints = [
            models.UniqueConstraint(
                fields=["visitor", "article_id", "day"], condition=models.Q(kind__in=[0, 1]), name="counter_view_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["visitor", "article_id"], condition=models.Q(kind__in=[2, 3]), name="counter_vote_once"
            ),
        ]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(folded=False), name="counter_unfolded_idx"),
            models.Index(fields=["day"], name="counter_day_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.article_id} {self.day}"


from .import_jobs import ImportJob  # noqa: E402,F401  (a model of this app, kept in its own module)
