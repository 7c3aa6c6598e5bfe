"""A real server in a subprocess (gunicorn, DEBUG off), for tests that need real failures."""

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "helpcenter.settings",
    "DEBUG": "0",
    "SECRET_KEY": "subprocess-server-" + "k7Qz!x9@Lm#2" * 4,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "RATE_LIMITS": "off",
}


def clean_environment(**overrides: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k not in SERVER_ENV and k != "DATABASE_URL"}
    return {**keep, **SERVER_ENV, **overrides}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    elapsed: float


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, timeout: float = 15) -> Response:
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            raw = conn.getresponse()
            body = raw.read().decode("utf-8", "replace")
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, body, time.monotonic() - started)
        finally:
            conn.close()

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        """Run a management command against the same database the server uses."""
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_server(log_dir: Path, **env: str) -> Server:
    port = free_port()
    env.setdefault("SEARCH_INDEX_DIR", str(log_dir / "search-index"))  # never the developer's own index
    environment = clean_environment(**env)
    log = log_dir / f"server-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "helpcenter.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", "1", "--threads", "2", "--timeout", "30", "--graceful-timeout", "1"],
            cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT,
        )
    server = Server(port, process, log, environment)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{server.output()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    raise RuntimeError(f"server did not start:\n{server.output()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def load_settings(**env: str) -> dict:
    """Evaluate helpcenter/settings.py in this process with the production environment plus `env`.

    Returns the module's names; raises what the settings raise (ImproperlyConfigured). In-process,
    so a test of environment parsing costs milliseconds instead of a Python start and Django setup.
    """
    import runpy

    environment = clean_environment(**env)
    environment.pop("RATE_LIMITS", None)
    environment.update(env)
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environment)
    try:
        return runpy.run_path(str(ROOT / "helpcenter" / "settings.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def read_settings(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` after django.setup() in a fresh process with the production settings and `env`."""
    environment = clean_environment(**env)
    environment.pop("RATE_LIMITS", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; " + code],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )
