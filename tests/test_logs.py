"""Access logs (runserver's and gunicorn's) carry no query strings: no admin search, no API key."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEARCH = "/admin/donors/donor/?q=DEMO-1001"
KEY_IN_URL = "/api/v1/letters/?api_key=Kq3.secret-key-in-a-url"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_and_log(command: list[str], port: int, env: dict[str, str]) -> str:
    """Start the server, request the two URLs once it answers, stop it; return everything it printed."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except OSError:
                time.sleep(0.3)
        for path in (SEARCH, KEY_IN_URL):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Authorization": "Api-Key Kq3.secret-key-in-a-header"},
            )
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=30)
        time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    return output


def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return {**env, "DEBUG": "true", **extra}


def assert_clean(output: str) -> None:
    assert "/admin/donors/donor/" in output and "/api/v1/letters/" in output, output[-2000:]
    for secret in ("DEMO-1001", "secret-key-in-a-url", "secret-key-in-a-header"):
        assert secret not in output


def test_it_keeps_query_strings_out_of_runserver_logs(tmp_path):
    port = free_port()
    command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    assert_clean(serve_and_log(command, port, app_env(tmp_path)))


@pytest.mark.skipif(sys.platform != "linux", reason="gunicorn runs on Linux")
def test_it_keeps_query_strings_out_of_gunicorn_logs(tmp_path):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--config",
        "config/gunicorn.conf.py",
    ]
    env = app_env(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
    assert_clean(serve_and_log(command, port, env))
