import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return "down"
    return "up"


def _cache() -> str:
    try:
        probe = uuid.uuid4().hex
        cache.set("healthz:probe", probe, 10)
        return "up" if cache.get("healthz:probe") == probe else "down"
    except Exception:
        return "down"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"  # no broker: tasks run in the web process
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception:
        return "down"
    return "up"


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Each dependency's state; 503 only when the database is down (without it nothing works).

    With the broker or the cache down the site still serves (letters wait in the database for the
    sweep; the clinic API goes without its cache): "degraded", 200.
    """
    checks = {"database": _database(), "cache": _cache(), "broker": _broker()}
    if checks["database"] == "down":
        status, code = "unavailable", 503
    elif "down" in checks.values():
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    if code != 200 or status != "ok":
        logger.warning("healthz %s: %s", status, checks)
    return JsonResponse({"status": status, **checks}, status=code)
