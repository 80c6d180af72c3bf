import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

if settings.CELERY_TASK_ALWAYS_EAGER:
    # No broker, so no worker and no beat: this process runs the tasks and sweeps for stuck letters.
    from correspondence.sweeper import sweeper_start

    sweeper_start()
