"""The full HTTP path: gunicorn (2 workers) on loopback under wrk, or a small threaded client when wrk is missing."""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
SERVER_ENV = {
    "DEBUG": "0",
    "RATE_LIMITS": "off",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghijkl",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}

WRK_SCRIPT = """
paths = {%(paths)s}
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  bad = 0
  n = id * 7
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local non2xx = 0
  for _, t in ipairs(threads) do non2xx = non2xx + t:get("bad") end
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %%d, "duration_s": %%f, "non_2xx": %%d, "socket_errors": %%d, ' ..
    '"p50_ms": %%f, "p99_ms": %%f, "max_ms": %%f}\\n', summary.requests, summary.duration / 1e6, non2xx,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    def __init__(self, database_url: str, log_path: Path, workers: int = 2, extra_env: dict | None = None):
        self.port = free_port()
        env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url, **(extra_env or {})}
        self.log = log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "helpcenter.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{self.port}"],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def __enter__(self) -> "Gunicorn":
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited; see its log")
            try:
                self.get("/")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)  # our own session: the master and its two workers
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()

    def get(self, path: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()


def search_paths(prefix: str, texts: list[str]) -> list[str]:
    return [f"{prefix}?q={quote(text)}" for text in texts]


def load_with_wrk(port: int, paths: list[str], seconds: int, connections: int, workdir: Path) -> dict:
    script = workdir / "wrk-paths.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, timeout=seconds + 60,
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result: {out.stdout[-500:]} {out.stderr[-500:]}")
    figures = json.loads(line.removeprefix("WRKJSON "))
    figures["rps"] = figures["requests"] / figures["duration_s"]
    return figures | {"tool": f"wrk -t2 -c{connections} -d{seconds}s"}


def load_with_threads(port: int, paths: list[str], seconds: int, connections: int) -> dict:
    """Fallback: `connections` threads, each on one keep-alive connection, for `seconds`."""
    from .measure import percentile  # (imports Django models: only once Django is set up)

    latencies: list[float] = []
    counts = {"non_2xx": 0, "socket_errors": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        conn, n = None, offset * 7
        mine, non2xx, errors = [], 0, 0
        while time.monotonic() < deadline:
            n += 1
            started = time.perf_counter()
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", paths[n % len(paths)])
                response = conn.getresponse()
                response.read()
                non2xx += not 200 <= response.status < 300
            except (OSError, http.client.HTTPException):
                errors += 1
                conn = None
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            counts["non_2xx"] += non2xx
            counts["socket_errors"] += errors

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.monotonic() - started
    return {
        "requests": len(latencies) + counts["socket_errors"],
        "duration_s": duration,
        "rps": len(latencies) / duration,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies, default=float("nan")),
        **counts,
        "tool": f"python threads c={connections} d={seconds}s",
    }


def unapplied_migrations() -> list[str]:
    """gunicorn loads the code on disk now; if it gained migrations during the run, its queries will fail."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def measure_http(
    database_url: str, texts: list[str], workdir: Path, *, seconds: int = 15, connections: int = 8, env: dict | None = None
) -> dict:
    """Requests/s, p99 and errors for the search page and the JSON API, each loaded for `seconds`."""
    report: dict = {}
    stale = unapplied_migrations()
    if stale:
        report["stale_schema"] = stale  # the errors below are then the code/schema mismatch, not the product
    with Gunicorn(database_url, workdir / "gunicorn.log", extra_env=env) as server:
        for name, prefix in (("search_page", "/search/"), ("api_search", "/api/search/")):
            paths = search_paths(prefix, texts)
            probe = server.get(paths[0])
            if shutil.which("wrk"):
                figures = load_with_wrk(server.port, paths, seconds, connections, workdir)
            else:
                figures = load_with_threads(server.port, paths, seconds, connections)
            figures["errors"] = figures["non_2xx"] + figures["socket_errors"]
            report[name] = {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}
            if stale:
                report[name]["stale_schema"] = True
            report[name]["probe_status"] = probe
    return report


def timed_get(port: int, path: str, timeout: float = 60) -> tuple[int, float]:
    """(status, seconds) of one GET; status 0 when the connection failed or timed out."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started
    finally:
        conn.close()
