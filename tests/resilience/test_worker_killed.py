"""A worker killed in the middle of screening: the letter is in review within 2 minutes, without beat."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.db import DatabaseError, transaction

from config.celery import app as celery_app
from correspondence.models import Letter
from correspondence.services import letter_submit
from tests.factories import DonationFactory
from tests.resilience.procs import ROOT, app_env, needs_postgres, needs_redis, stop

pytestmark = [needs_postgres, needs_redis, pytest.mark.resilience, pytest.mark.worker]

# Long enough that screening (and the worker's first load of the pipeline) takes a few seconds.
LETTER = "Dear recipient,\n\n" + "I think of you often and hope each week is a little easier. " * 300


def start_worker(queue: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue),
        ],
        cwd=ROOT,
        env=app_env(REDIS_URL=os.environ["REDIS_URL"], CELERY_QUEUE=queue),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def being_screened(letter: Letter) -> bool:
    """Whether a worker holds the letter's row (screening locks it for its whole run)."""
    try:
        with transaction.atomic():
            Letter.objects.select_for_update(nowait=True).filter(pk=letter.pk).first()
    except DatabaseError:
        return True
    return False


def test_it_brings_a_killed_screening_back_within_two_minutes(transactional_db):
    queue = f"go-between-resilience-{uuid.uuid4().hex[:8]}"
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    first = start_worker(queue)
    second = None
    try:
        donation = DonationFactory()
        letter = letter_submit(donor=donation.donor, donation=donation, body=LETTER)
        deadline = time.monotonic() + 120
        while not being_screened(letter):
            assert time.monotonic() < deadline and first.poll() is None, "screening never started"
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGKILL)  # mid-screening, no chance to hand the task back
        killed_at = time.monotonic()
        first.communicate()
        letter.refresh_from_db()
        assert letter.status == Letter.Status.SUBMITTED

        second = start_worker(queue)
        while time.monotonic() - killed_at < 120:
            letter.refresh_from_db()
            if letter.status == Letter.Status.IN_REVIEW:
                break
            assert second.poll() is None, "the second worker stopped"
            time.sleep(1)
        assert letter.status == Letter.Status.IN_REVIEW, "not back in review within 2 minutes"
        print(f"back in review {time.monotonic() - killed_at:.0f} s after the kill")
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        stop(first)
        if second is not None:
            print(stop(second)[-3000:])
