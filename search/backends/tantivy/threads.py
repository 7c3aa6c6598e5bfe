"""A small thread pool per process, so that a search's counting runs beside its ranking.

Measured with tantivy 0.27 on one searcher: an `aggregate` runs in parallel with a `search` (a
question's ranking and counting: 12.6 ms together, 12.5 the ranking alone), while two `search`
calls take turns. The request's thread waits until the counting has started, so that the two
overlap from the start. The pool is made on first use in each process: threads do not survive a
fork (gunicorn workers fork after import).
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
    """`fn(*args)` on the pool; returns once it is running, or after START_WAIT when every worker is
    busy (threaded servers: other requests' counting) — only the overlap depends on it, never the
    result."""
    running = threading.Event()

    def task():
        running.set()
        return fn(*args)

    future = _executor().submit(task)
    running.wait(START_WAIT)
    return future
