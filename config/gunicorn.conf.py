"""Gunicorn settings for the web container (docker-compose.yml)."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = 60
accesslog = "-"
# The access log carries paths only, never query strings (an admin search for a donor number, an API
# key put in a URL by mistake) nor headers; letters travel in POST bodies, which are never logged.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")


def post_worker_init(worker) -> None:
    """Load the models before the worker takes its first request, so no request pays for loading them."""
    from correspondence.warmup import models_warm

    models_warm()
