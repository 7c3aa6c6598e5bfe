import pytest

from .servers import start_server, stop_server


@pytest.fixture
def run_server(tmp_path):
    """Start gunicorn subprocesses (DEBUG off) with extra environment; all are stopped afterwards."""
    started = []

    def start(**env):
        server = start_server(tmp_path, **env)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_server(server)
