"""The sweep for stuck letters, run by the web process itself when there is no broker (make run).

Without REDIS_URL tasks run eagerly in the process that queues them, and no worker or beat runs: a
letter whose screening died with the process (or failed) would stay submitted for good. The web
process then sweeps itself, on a daemon thread started with the WSGI application (config/wsgi.py,
which runserver and gunicorn load and management commands and tests do not). A timer rather than a
sweep on some request: screening takes seconds and would fall on a donor's request; a thread costs
nothing while it sleeps. With a broker, beat queues the same sweep (CELERY_BEAT_SCHEDULE).
"""

import logging
import threading

from django.db import close_old_connections

logger = logging.getLogger(__name__)

INTERVAL_SECONDS = 60

_started = threading.Event()


def sweep_once() -> int:
    """Run the sweep once on this thread's own database connection; never raises."""
    from correspondence.services import letters_requeue_stuck

    close_old_connections()
    try:
        return letters_requeue_stuck()
    except Exception:
        logger.exception("the sweep for stuck letters failed")
        return 0
    finally:
        close_old_connections()


def _loop(interval: float, stop: threading.Event) -> None:
    while not stop.wait(interval):
        sweep_once()


def sweeper_start(*, interval: float = INTERVAL_SECONDS) -> threading.Event | None:
    """Start the sweep on a daemon thread (once per process); returns the event that stops it."""
    if _started.is_set():
        return None
    _started.set()
    stop = threading.Event()
    threading.Thread(target=_loop, args=(interval, stop), name="stuck-letters-sweep", daemon=True).start()
    logger.info("sweeping for stuck letters every %ss in this process (no broker)", interval)
    return stop
