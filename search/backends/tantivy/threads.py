"""A small thread pool per process, so that a search's counting runs beside its ranking.

Tantivy lets go of the GIL while it aggregates, but not while it ranks (`Searcher.search` holds it,
measured with tantivy 0.27): the counting thread must be inside its aggregation before the
request's thread starts ranking, or it waits for the ranking to finish. The pool is made on first
use in each process: threads do not survive a fork (gunicorn workers fork after import).
"""

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

WORKERS = 2  # each search hands over one task at a time; two serve two requests in one process
START_WAIT = 0.005  # seconds; a worker that is free starts within microseconds

_lock = threading.Lock()
_pool: dict = {"pid": None, "executor": None}


def _executor() -> ThreadPoolExecutor:
    pid = os.getpid()
    with _lock:
        if _pool["pid"] != pid:
            _pool.update(pid=pid, executor=ThreadPoolExecutor(WORKERS, thread_name_prefix="search"))
        return _pool["executor"]


def started(fn, *args) -> Future:
    """`fn(*args)` on the pool; returns once it is running (it releases the GIL as soon as it calls
    into Tantivy), or after START_WAIT when every worker is busy (threaded servers: other requests'
    counting) — only the overlap depends on it, never the result."""
    running = threading.Event()

    def task():
        running.set()
        return fn(*args)

    future = _executor().submit(task)
    running.wait(START_WAIT)
    return future
