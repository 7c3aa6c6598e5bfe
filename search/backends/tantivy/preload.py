"""The index's files mapped into this process's memory before the searches that read them (what
Elasticsearch's `index.store.preload` does for Lucene).

Tantivy reads its files through mmap. Even when the file is in the page cache, a process faults on
each part of a mapping it touches for the first time: the first search of a question in a new
worker took 387 faults and 17.7 ms, the same search again 4 faults and 14.9 ms (100,000 articles).
Asking the kernel to fill the mappings at once (madvise MADV_POPULATE_READ, Linux 5.14+) costs
70-85 ms for the 350 MB searched there, once per process and index version. Stored documents
(`.store`, 200 MB there; a page reads 20 of them) are left to fault in. The mapped pages show in
the process's RSS; they are the page cache's, shared by every process, not memory of its own.
"""

import ctypes
import logging
from pathlib import Path

logger = logging.getLogger(__name__)

MADV_POPULATE_READ = 22
SKIPPED = (".store",)

try:
    _libc = ctypes.CDLL(None, use_errno=True)
    _madvise = _libc.madvise
    _madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
except (OSError, AttributeError):  # not Linux: nothing to do
    _madvise = None


def _mappings(directory: Path) -> list[tuple[int, int]]:
    """(start, end) of this process's mappings of files under `directory`, but the skipped ones."""
    prefix = f"{directory.resolve()}/"
    found = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split(maxsplit=5)
                if len(fields) == 6 and fields[5].startswith(prefix) and not fields[5].rstrip("\n").endswith(SKIPPED):
                    start, end = (int(value, 16) for value in fields[0].split("-"))
                    found.append((start, end))
    except OSError:
        return []
    return found


def preload(directory: Path, done: set[tuple[int, int]]) -> int:
    """Fill this process's mappings of the index files under `directory` that are not in `done`
    (added there); returns the bytes filled. Never fails a search: a kernel without the advice, or
    another system, fills nothing."""
    if _madvise is None:
        return 0
    filled = 0
    for start, end in _mappings(directory):
        if (start, end) in done:
            continue
        done.add((start, end))
        if _madvise(start, end - start, MADV_POPULATE_READ) == 0:
            filled += end - start
        else:
            logger.debug("madvise(MADV_POPULATE_READ) failed: errno %s", ctypes.get_errno())
    return filled
