"""Admin upload of an import file, run in the background. Publishers only.

upload → a check task (dry run: counts and the first errors) → the publisher confirms → a write
task (validates again, then writes all or nothing). The status page can be left and reopened;
it refreshes itself while a task runs. The upload lives in a private temp file named by a random
token, removed in every outcome (or after a day when a checked upload is never confirmed).
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .import_jobs import STALE_AFTER_SECONDS, ImportJob, storable_text, upload_dir
from .importing import FORMATS
from .models import Article
from .roles import can_publish
from .tasks import check_import, write_import

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
RECENT_JOBS = 10


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("가져올 파일"), help_text=gettext_lazy("JSON 배열(.json), JSON Lines(.jsonl), CSV(.csv) — UTF-8")
    )
    format = forms.ChoiceField(
        label=gettext_lazy("형식"),
        required=False,
        choices=[("", gettext_lazy("확장자로 판단"))] + [(fmt, fmt) for fmt in FORMATS],
    )
    create_taxonomy = forms.BooleanField(
        label=gettext_lazy("없는 서비스·카테고리·플랫폼은 새로 만들기"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("파일이 너무 큽니다(최대 %(mb)d MB).") % {"mb": MAX_UPLOAD_BYTES // 2**20})
        return upload


def remove_stale_uploads() -> None:
    """Unconfirmed checked uploads and stray files older than a day; jobs whose worker died are failed."""
    cutoff = timezone.now() - timedelta(seconds=STALE_AFTER_SECONDS)
    for job in ImportJob.objects.filter(created_at__lt=cutoff, phase__in=[ImportJob.Phase.CHECKED, *ImportJob.RUNNING_PHASES]):
        job.remove_files()
        phase = ImportJob.Phase.CANCELLED if job.phase == ImportJob.Phase.CHECKED else ImportJob.Phase.FAILED
        ImportJob.objects.filter(pk=job.pk).update(phase=phase, finished_at=timezone.now(), message=_("하루 넘게 끝나지 않아 정리했습니다."))
    for old in upload_dir().iterdir():
        if old.stat().st_mtime < time.time() - STALE_AFTER_SECONDS:
            old.unlink(missing_ok=True)


def _context(request, **extra) -> dict:
    return {**admin.site.each_context(request), "opts": Article._meta, **extra}


def article_import_view(request):
    if not can_publish(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        remove_stale_uploads()
        upload = form.cleaned_data["file"]
        job = ImportJob(
            user=request.user,
            file_name=storable_text(Path(upload.name).name)[:255],
            file_size=upload.size,
            format=form.cleaned_data["format"],
            create_taxonomy=form.cleaned_data["create_taxonomy"],
        )
        with open(job.path, "xb") as stored:
            for chunk in upload.chunks():
                stored.write(chunk)
        try:
            job.save()
            check_import.enqueue(job.pk)
        except Exception:
            job.remove_files()
            raise
        return redirect(job.get_absolute_url())
    jobs = ImportJob.objects.select_related("user")[:RECENT_JOBS]
    return TemplateResponse(
        request, "admin/articles/import_form.html", _context(request, title=_("문서 가져오기"), form=form, jobs=jobs)
    )


def article_import_job_view(request, job_id: int):
    if not can_publish(request.user):
        raise PermissionDenied
    job = get_object_or_404(ImportJob.objects.select_related("user"), pk=job_id)
    if request.method == "POST":
        return _act_on_job(request, job)
    return TemplateResponse(
        request,
        "admin/articles/import_job.html",
        _context(request, title=_("가져오기 작업"), job=job, progress=job.read_progress() if job.is_running else {}),
    )


def _act_on_job(request, job: ImportJob):
    if "confirm" in request.POST:
        with transaction.atomic():
            confirmed = ImportJob.objects.filter(pk=job.pk, phase=ImportJob.Phase.CHECKED).update(
                phase=ImportJob.Phase.WRITE_QUEUED
            )
        if confirmed and job.path.is_file():
            write_import.enqueue(job.pk)
        elif confirmed:
            ImportJob.objects.filter(pk=job.pk).update(phase=ImportJob.Phase.FAILED, finished_at=timezone.now())
            messages.error(request, _("올린 파일이 남아 있지 않습니다. 파일을 다시 올려 주세요."))
        else:
            messages.error(request, _("이 작업은 지금 확정할 수 없습니다(이미 확정했거나 취소됨)."))
    elif "cancel" in request.POST:
        cancelled = ImportJob.objects.filter(pk=job.pk, phase__in=[ImportJob.Phase.CHECKED, ImportJob.Phase.QUEUED]).update(
            phase=ImportJob.Phase.CANCELLED, finished_at=timezone.now()
        )
        if cancelled:
            job.remove_files()
            messages.info(request, _("가져오기를 취소하고 올린 파일을 지웠습니다."))
    return redirect(job.get_absolute_url())
