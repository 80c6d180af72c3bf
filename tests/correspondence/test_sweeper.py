"""Without a broker (make run) the web process sweeps for stuck letters itself."""

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from correspondence import sweeper
from correspondence.models import Letter
from tests.factories import LetterFactory

ROOT = Path(__file__).resolve().parents[2]


def test_it_screens_a_stuck_letter_on_its_own_thread(transactional_db, monkeypatch):
    monkeypatch.setattr(sweeper, "_started", threading.Event())
    letter = LetterFactory(status=Letter.Status.SUBMITTED, submitted_at=timezone.now())
    Letter.objects.filter(pk=letter.pk).update(updated_at=timezone.now() - timedelta(minutes=4))
    stop = sweeper.sweeper_start(interval=0.2)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            letter.refresh_from_db()
            if letter.status == Letter.Status.IN_REVIEW:
                break
            time.sleep(0.2)
    finally:
        stop.set()
    assert letter.status == Letter.Status.IN_REVIEW
    assert sweeper.sweeper_start() is None  # once per process


def wsgi_threads(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import threading, config.wsgi; print(sorted(t.name for t in threading.enumerate()))",
        ],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_it_starts_the_sweep_with_the_wsgi_application_only_without_a_broker():
    assert "stuck-letters-sweep" in wsgi_threads()
    assert "stuck-letters-sweep" not in wsgi_threads(REDIS_URL="redis://127.0.0.1:1/0")
