"""Load what letters are checked with before any request or task needs it.

"Check my letter" and screening use the redaction pipeline (spaCy), the language detector (lingua)
and pycountry's tables; each loads on first use, which would make the first check of each process
wait seconds. `models_warm` loads them all. It is called where a process starts to serve:
gunicorn's `post_worker_init` (config/gunicorn.conf.py), Celery's `worker_init` and
`worker_process_init` (config/celery.py), and `runserver` (CorrespondenceConfig.ready, in a
thread, so the development server answers at once). Management commands and tests never call it.
"""

import logging
import os
import sys
import threading
import time

logger = logging.getLogger(__name__)

# Invented: a name, a place, a date and English and German sentences, so that every layer loads.
WARM_UP_LETTER = (
    "Dear friend,\n\nMy sister Annika and I walked by the river in Hamburg on 12 May. "
    "I hope you are well and that the spring is kind to you.\n\nViele Grüße, dein Spender"
)

_warm = threading.Event()


def models_warm() -> None:
    """Load the redaction pipeline, every language model, the country and language tables, the URLconf
    and the letter form's templates, once per process."""
    if _warm.is_set():
        return
    from django.template.loader import get_template
    from django.urls import get_resolver

    import redaction
    from correspondence.language import detect_language, has_english, language_name
    from correspondence.words import country_name

    started = time.perf_counter()
    redaction.detect(WARM_UP_LETTER)
    detect_language(WARM_UP_LETTER)
    has_english(WARM_UP_LETTER)
    language_name("de")
    country_name("US")
    # Django's own first-request costs: importing every view through the URLconf, compiling the
    # letter form's templates.
    get_resolver().url_patterns  # noqa: B018
    for template in ("correspondence/letter_form.html", "correspondence/_check_result.html"):
        get_template(template)
    _warm.set()
    logger.info("models warm in %.1f s (pid %s)", time.perf_counter() - started, os.getpid())


def serving_with_runserver(argv: list[str] | None = None, environ: dict | None = None) -> bool:
    """Return True in the process where `manage.py runserver` serves requests.

    With the autoreloader that is the child (RUN_MAIN=true), not the parent that only watches files;
    every other command (migrate, test, shell, flag_letters…) and pytest return False.
    """
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    if len(argv) < 2 or argv[1] != "runserver":
        return False
    return environ.get("RUN_MAIN") == "true" or "--noreload" in argv


def models_warm_in_background() -> threading.Thread:
    """Start loading the models in a daemon thread and return it (a request meanwhile waits for it)."""
    thread = threading.Thread(target=models_warm, name="models-warm", daemon=True)
    thread.start()
    return thread
