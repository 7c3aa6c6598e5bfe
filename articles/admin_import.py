"""Admin upload of an import file: upload → dry run (counts and every error) → confirm. Publishers only.

The upload is kept in a private temp file named by a random token that only this session knows;
confirming validates the file again, so nothing unchecked is ever written.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importing import FORMATS, ImportInvalid, ImportSource, import_articles
from .models import Article
from .roles import can_publish

SESSION_KEY = "article_import"
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
STALE_AFTER_SECONDS = 24 * 60 * 60


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


def _upload_dir() -> Path:
    directory = Path(getattr(settings, "FILE_UPLOAD_TEMP_DIR", None) or tempfile.gettempdir()) / "helpcenter-imports"
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


def _store(upload) -> str:
    directory = _upload_dir()
    for old in directory.iterdir():  # abandoned uploads
        if old.stat().st_mtime < time.time() - STALE_AFTER_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(32)
    with open(directory / token, "xb") as stored:
        for chunk in upload.chunks():
            stored.write(chunk)
    return token


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        (_upload_dir() / pending["token"]).unlink(missing_ok=True)


def _run(request, pending: dict, *, dry_run: bool):
    """(summary, errors) of importing the pending upload as the current user."""
    try:
        summary = import_articles(
            sources=[ImportSource(name=pending["name"], data=_upload_dir() / pending["token"])],
            fmt=pending["format"] or None,
            user=request.user,
            dry_run=dry_run,
            create_taxonomy=pending["create_taxonomy"],
        )
    except ImportInvalid as exc:
        return None, exc.errors
    return summary, []


def article_import_view(request):
    if not can_publish(request.user):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "title": _("문서 가져오기"),
    }
    pending = request.session.get(SESSION_KEY)
    if request.method == "POST" and "confirm" in request.POST:
        token = request.POST.get("token", "")
        if not pending or not secrets.compare_digest(token, pending["token"]) or not (_upload_dir() / token).is_file():
            messages.error(request, _("확인할 업로드가 없거나 만료되었습니다. 파일을 다시 올려 주세요."))
            return redirect("admin:articles_article_import")
        summary, errors = _run(request, pending, dry_run=False)
        if errors:
            _discard(request)
            return TemplateResponse(request, "admin/articles/import_preview.html", {**context, "errors": errors, "name": pending["name"]})
        _discard(request)
        messages.success(request, " / ".join(summary.lines()))
        return redirect("admin:articles_article_changelist")

    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _discard(request)
        upload = form.cleaned_data["file"]
        pending = {
            "token": _store(upload),
            "name": Path(upload.name).name,
            "format": form.cleaned_data["format"],
            "create_taxonomy": form.cleaned_data["create_taxonomy"],
        }
        summary, errors = _run(request, pending, dry_run=True)
        if errors:
            (_upload_dir() / pending["token"]).unlink(missing_ok=True)
        else:
            request.session[SESSION_KEY] = pending
        return TemplateResponse(
            request,
            "admin/articles/import_preview.html",
            {**context, "summary": summary, "errors": errors, "name": pending["name"], "token": pending["token"]},
        )
    return TemplateResponse(request, "admin/articles/import_form.html", {**context, "form": form})
