"""Where the index lives on disk, and the one live version every process reads.

Layout under the configured PATH: `versions/<name>/` holds complete indexes, `current` is a symlink
to the live one. A rebuild writes a new version beside it and swaps the link with one atomic
rename; every process notices the new target on its next search and reopens (an open index keeps
reading its old files until then, even after they are deleted).

Writers: Tantivy allows one per index and refuses a second at once (LockBusy), across processes.
A writer is only ever created when needed and dropped after its commit, in the process that uses
it — never inherited through fork (a writer from before a fork panics in the child).
"""

import fcntl
import os
import shutil
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import tantivy

from ...backends.base import Checkpoint
from .schema import build_schema, read_meta

CURRENT = "current"
VERSIONS = "versions"


class OpenIndex:
    """One opened version: its Tantivy index, and the checkpoint of the searcher in use."""

    def __init__(self, path: Path):
        self.path = path
        self.schema = build_schema()
        self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        # Searches see new commits only when we reload, so a searcher and its checkpoint always agree.
        self.index.config_reader("Manual")
        self.pid = os.getpid()
        self._lock = threading.Lock()
        self._searcher, self._checkpoint = self._read()

    def _read(self) -> tuple[tantivy.Searcher, Checkpoint]:
        searcher = self.index.searcher()
        return searcher, read_meta(searcher, self.schema)

    def view(self) -> tuple[tantivy.Searcher, Checkpoint]:
        with self._lock:
            return self._searcher, self._checkpoint

    def reload(self) -> Checkpoint:
        self.index.reload()
        with self._lock:
            self._searcher, self._checkpoint = self._read()
            return self._checkpoint

    def writer(self, heap_size: int) -> tantivy.IndexWriter | None:
        """A writer, or None when another one (any process) holds the index."""
        try:
            return self.index.writer(heap_size=heap_size, num_threads=1)
        except ValueError as error:
            if "LockBusy" in str(error):
                return None
            raise


class IndexStore:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._open: OpenIndex | None = None
        self._target: str | None = None
        self._lock = threading.Lock()

    @property
    def link(self) -> Path:
        return self.root / CURRENT

    def live(self) -> OpenIndex:
        """The live version, reopened when the link moved (a rebuild) or in a forked child."""
        target = self._live_target()
        with self._lock:
            if self._open is None or self._target != target or self._open.pid != os.getpid():
                self._open = self._open_version(target)
                self._target = os.readlink(self.link)
            return self._open

    def _open_version(self, target: str) -> OpenIndex:
        try:
            return OpenIndex(self.root / target)
        except ValueError as error:
            if "schema does not match" not in str(error):
                raise
        # Written by another version of this code: replaced by an empty index, which the change log
        # then fills (a rebuild; see search/sync.py).
        with self.exclusive("rebuild"):
            if os.readlink(self.link) == target:
                self.swap_in(self.new_version())
        return OpenIndex(self.root / os.readlink(self.link))

    def _live_target(self) -> str:
        try:
            return os.readlink(self.link)
        except FileNotFoundError:
            with self.exclusive("rebuild"):
                if not self.link.is_symlink():  # nobody made it meanwhile
                    self.swap_in(self.new_version())
            return os.readlink(self.link)

    def new_version(self) -> Path:
        path = self.root / VERSIONS / uuid.uuid4().hex
        path.mkdir(parents=True)
        tantivy.Index(build_schema(), path=str(path))
        return path

    def swap_in(self, path: Path) -> None:
        """Make `path` the live version atomically, then delete the versions nobody links to."""
        temporary = self.root / f"{CURRENT}.{uuid.uuid4().hex}"
        os.symlink(os.path.relpath(path, self.root), temporary)
        os.replace(temporary, self.link)
        live = Path(os.readlink(self.link)).name
        for old in (self.root / VERSIONS).iterdir():
            if old.name != live:
                shutil.rmtree(old, ignore_errors=True)

    @contextmanager
    def exclusive(self, name: str, *, wait: bool = True):
        """A lock file shared by every process on this machine (one rebuild at a time)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / f".{name}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
