"""The Celery app; configured from Django settings (CELERY_* names)."""

import os

from celery import Celery
from celery.signals import worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("go_between")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@worker_process_init.connect
def _models_warm(**kwargs) -> None:
    """Load the models as a worker starts, before it takes a task: in the main process (which a
    prefork pool's children then share) and in each pool child (a no-op where it was inherited)."""
    from correspondence.warmup import models_warm

    models_warm()
