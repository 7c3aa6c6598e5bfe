"""ImportJob: one admin upload, checked and then written by background tasks (articles/tasks.py).

The row holds what the status page shows once a step has finished (phase, counts, the first
errors); live progress while a step runs is kept in a small file beside the upload, because the
write step runs inside one long transaction that other connections cannot see into (and that
SQLite would not let a second writer join).
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_STORED_ERRORS = 50
STALE_AFTER_SECONDS = 24 * 60 * 60


def upload_dir() -> Path:
    directory = Path(getattr(settings, "FILE_UPLOAD_TEMP_DIR", None) or tempfile.gettempdir()) / "helpcenter-imports"
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


def new_token() -> str:
    return secrets.token_urlsafe(32)


def storable_text(text: str) -> str:
    """Text as UTF-8 can store it: lone surrogates from a malformed file become visible escapes."""
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")


class ImportJob(models.Model):
    class Phase(models.TextChoices):
        QUEUED = "queued", _("검사 대기 중")
        CHECKING = "checking", _("검사 중")
        CHECKED = "checked", _("검사 통과: 확정을 기다림")
        WRITE_QUEUED = "write_queued", _("저장 대기 중")
        WRITING = "writing", _("저장 중")
        DONE = "done", _("완료")
        INVALID = "invalid", _("오류가 있어 저장하지 않음")
        FAILED = "failed", _("실패: 저장하지 않음")
        CANCELLED = "cancelled", _("취소함")

    RUNNING_PHASES = (Phase.QUEUED, Phase.CHECKING, Phase.WRITE_QUEUED, Phase.WRITING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("올린 사람"))
    file_name = models.CharField(_("파일 이름"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("파일 크기"), default=0)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    format = models.CharField(_("형식"), max_length=10, blank=True)
    create_taxonomy = models.BooleanField(_("없는 분류 만들기"), default=True)
    phase = models.CharField(_("단계"), max_length=20, choices=Phase.choices, default=Phase.QUEUED)
    records = models.PositiveIntegerField(_("문서 수"), default=0)
    created = models.PositiveIntegerField(_("새로 만듦"), default=0)
    updated = models.PositiveIntegerField(_("수정"), default=0)
    unchanged = models.PositiveIntegerField(_("변경 없음"), default=0)
    new_taxonomy = models.JSONField(_("새 분류"), default=dict, blank=True)
    error_count = models.PositiveIntegerField(_("오류 수"), default=0)
    errors = models.JSONField(_("처음 오류들"), default=list, blank=True)
    message = models.TextField(_("메시지"), blank=True)
    created_at = models.DateTimeField(_("올린 시각"), auto_now_add=True)
    finished_at = models.DateTimeField(_("끝난 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("가져오기 작업")
        verbose_name_plural = _("가져오기 작업")
        ordering = ["-created_at", "-id"]
        default_permissions = ()

    def __str__(self):
        return f"{self.file_name} ({self.get_phase_display()})"

    def get_absolute_url(self) -> str:
        return reverse("admin:articles_article_import_job", args=[self.pk])

    @property
    def path(self) -> Path:
        return upload_dir() / self.token

    @property
    def progress_path(self) -> Path:
        return upload_dir() / f"{self.token}.progress"

    @property
    def is_running(self) -> bool:
        return self.phase in self.RUNNING_PHASES

    def remove_files(self) -> None:
        self.path.unlink(missing_ok=True)
        self.progress_path.unlink(missing_ok=True)

    def read_progress(self) -> dict:
        """{"step": "check"|"write", "done": n, "total": m} while a step runs; {} otherwise."""
        try:
            return json.loads(self.progress_path.read_text())
        except (OSError, ValueError):
            return {}

    @property
    def percent(self) -> int | None:
        progress = self.read_progress() if self.is_running else {}
        if not progress.get("total"):
            return None
        return min(100, int(100 * progress["done"] / progress["total"]))


class ProgressFile:
    """Writes {"step", "done", "total"} beside the upload at most every half second (atomic replace)."""

    def __init__(self, job: ImportJob, step: str, total: int) -> None:
        self.job, self.step, self.total = job, step, total
        self.last = 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if now - self.last < 0.5 and done < (total or self.total):
            return
        self.last = now
        target = self.job.progress_path
        scratch = target.with_suffix(".tmp")
        scratch.write_text(json.dumps({"step": self.step, "done": done, "total": total or self.total}))
        os.replace(scratch, target)
