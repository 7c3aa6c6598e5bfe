"""Background tasks (django-tasks): the two steps of an admin import.

`check_import` validates the upload and counts what would change (a dry run); `write_import`
writes it after the publisher confirms (validating again first, all or nothing). Every outcome
but "checked, waiting for confirmation" removes the uploaded file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.utils import timezone
from django_tasks import task

from .import_jobs import MAX_STORED_ERRORS, ImportJob, ProgressFile, storable_text
from .importing import ImportInvalid, ImportSource, import_articles
from .roles import can_publish

logger = logging.getLogger(__name__)


class _CountingReader:
    """A binary file that reports how many bytes have been read (for the validation pass)."""

    def __init__(self, stream: BinaryIO, on_read: Callable[[int], None]) -> None:
        self.stream, self.on_read, self.position = stream, on_read, 0

    def _count(self, data: bytes) -> bytes:
        self.position += len(data)
        self.on_read(self.position)
        return data

    def read(self, size: int = -1) -> bytes:
        return self._count(self.stream.read(size))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self.stream.readline(size))

    def __iter__(self):
        for line in self.stream:
            yield self._count(line)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.stream.close()


@dataclass(frozen=True)
class _TrackedSource(ImportSource):
    on_read: Callable[[int], None] | None = None

    def open(self) -> BinaryIO:
        stream = super().open()
        return _CountingReader(stream, self.on_read) if self.on_read else stream


class _Progress:
    """First pass (validation) by bytes read: 0–50 %; second pass (write or count) by records: 50–100 %."""

    def __init__(self, job: ImportJob, step: str) -> None:
        self.file = ProgressFile(job, step, 1000)
        self.size = max(job.file_size, 1)
        self.writing = False

    def bytes_read(self, position: int) -> None:
        if not self.writing:
            self.file(min(500, 500 * position // self.size))

    def records(self, done: int, total: int) -> None:
        self.writing = True
        self.file(500 + 500 * done // max(total, 1))


def _failure_message(exc: BaseException) -> str:
    if isinstance(exc, UnicodeError):
        return "파일에 저장할 수 없는 문자(짝이 없는 서로게이트 등)가 있습니다. 파일을 UTF-8로 다시 저장하세요."
    if isinstance(exc, RecursionError):
        return "JSON이 너무 깊게 중첩되어 있어 읽을 수 없습니다."
    if isinstance(exc, MemoryError):
        return "파일이 너무 커서 읽을 수 없습니다. 여러 파일로 나누어 올려 주세요."
    return "파일을 처리하지 못했습니다. 아무것도 저장하지 않았습니다. 형식을 확인한 뒤 다시 올려 주세요."


def _run(job_id: int, *, expected: str, running: str, dry_run: bool) -> None:
    claimed = ImportJob.objects.filter(pk=job_id, phase=expected).update(phase=running)
    if not claimed:  # cancelled meanwhile, or already run by another worker
        return
    job = ImportJob.objects.get(pk=job_id)
    progress = _Progress(job, "check" if dry_run else "write")
    outcome: dict = {}
    try:
        if not dry_run and not can_publish(job.user):
            raise PermissionError
        summary = import_articles(
            sources=[_TrackedSource(name=job.file_name, data=job.path, on_read=progress.bytes_read)],
            fmt=job.format or None,
            user=job.user,
            dry_run=dry_run,
            create_taxonomy=job.create_taxonomy,
            on_progress=progress.records,
        )
    except ImportInvalid as exc:
        outcome = {
            "phase": ImportJob.Phase.INVALID,
            "error_count": len(exc.errors),
            "errors": [
                {"position": error.position, "unit": error.unit, "reason": storable_text(error.reason)}
                for error in exc.errors[:MAX_STORED_ERRORS]
            ],
        }
    except PermissionError:
        outcome = {"phase": ImportJob.Phase.FAILED, "message": "게시 권한이 있는 사용자만 가져오기를 확정할 수 있습니다."}
    except Exception as exc:  # noqa: BLE001 - any failure must end as a readable job state, never a stuck one
        logger.exception("import job %s failed", job_id)
        outcome = {"phase": ImportJob.Phase.FAILED, "message": _failure_message(exc)}
    else:
        outcome = {
            "phase": ImportJob.Phase.CHECKED if dry_run else ImportJob.Phase.DONE,
            "records": summary.records,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "new_taxonomy": {
                "services": [storable_text(name) for name in summary.services_created],
                "categories": [storable_text(name) for name in summary.categories_created],
                "platforms": [storable_text(name) for name in summary.platforms_created],
            },
        }
    finally:
        job.progress_path.unlink(missing_ok=True)
        if outcome.get("phase") != ImportJob.Phase.CHECKED:
            job.remove_files()
    if outcome["phase"] != ImportJob.Phase.CHECKED:
        outcome["finished_at"] = timezone.now()
    ImportJob.objects.filter(pk=job_id).update(**outcome)


@task()
def check_import(job_id: int) -> None:
    _run(job_id, expected=ImportJob.Phase.QUEUED, running=ImportJob.Phase.CHECKING, dry_run=True)


@task()
def write_import(job_id: int) -> None:
    _run(job_id, expected=ImportJob.Phase.WRITE_QUEUED, running=ImportJob.Phase.WRITING, dry_run=False)
