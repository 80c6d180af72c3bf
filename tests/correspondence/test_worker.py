"""A real Celery worker against the real Redis and PostgreSQL (CI sets DATABASE_URL and REDIS_URL)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app as celery_app
from correspondence.models import Letter
from correspondence.services import letter_submit
from tests.factories import DonationFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs REDIS_URL and a PostgreSQL DATABASE_URL (set by .ci/run)",
    ),
]


def worker_database_url() -> str:
    """The URL of the test database, which the worker process must use too."""
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


@pytest.fixture
def worker_queue():
    """A private queue, so no other worker on this machine takes the test's tasks."""
    queue = f"go-between-test-{uuid.uuid4().hex[:8]}"
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    yield queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous


def test_it_moves_a_submitted_letter_to_review_with_a_real_worker(transactional_db, worker_queue):
    env = {**os.environ, "DATABASE_URL": worker_database_url(), "CELERY_QUEUE": worker_queue, "DEBUG": "true"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            worker_queue,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        donation = DonationFactory()
        letter = letter_submit(donor=donation.donor, donation=donation, body="Dear recipient, warm wishes.")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            letter.refresh_from_db()
            if letter.status == Letter.Status.IN_REVIEW:
                break
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.5)
        assert letter.status == Letter.Status.IN_REVIEW
        assert letter.events.filter(kind="screened").count() == 1
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        print(output[-4000:])  # Shown by pytest when the test fails.
