"""Go-Between settings: one module, configured from the environment.

Every default gives the embedded development mode (SQLite under var/, Celery eager, console
e-mail); production differs only by environment variables (see README's configuration table).
"""

import importlib
from datetime import timedelta
from pathlib import Path

import csp.constants
import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "simple_history",
    "django_filters",
    "rest_framework",
    "rest_framework_api_key",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "donors",
    "clinics",
    "clinics.api",
    "policies",
    "correspondence",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Links in e-mails and API documents follow the request's host (correspondence.links).
    "correspondence.links.RequestOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "donors.context_processors.current_donor",
                "correspondence.context_processors.donor_messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out donor numbers and addresses before anything else.
    # AxesBackend only checks lockouts in authenticate(), but as a ModelBackend subclass it loads
    # staff sessions back (and is what force_login picks by default).
    "axes.backends.AxesBackend",
    "donors.backends.DonorDateOfBirthBackend",
    "donors.backends.DonorOneTimeCodeBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "donors:sign_in"

# Sign-in throttling (django-axes, donors.lockout): failures count per normalised username and
# client address, and per client address; from AXES_FAILURE_LIMIT on, each further failure doubles
# the wait (1 minute, 2, 4, ... at most a day). Nobody can lock a donor number for its owner.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = "donors.lockout.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_USERNAME_CALLABLE = "donors.lockout.normalised_username"
AXES_CLIENT_IP_CALLABLE = "donors.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
# A try while locked out is refused without being counted: only tries that reach a check lengthen the wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "donors/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = [
    "password",
    "code",
    "date_of_birth_day",
    "date_of_birth_month",
    "date_of_birth_year",
]

# Reverse proxies in front of the app, each appending to X-Forwarded-For: the client address is read
# through django-ipware (donors.lockout.client_address). Without it, every client would look like the
# proxy, and one client's failures would lock everyone out.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("PROXY_COUNT must be 0 or more.")
if PROXY_COUNT:
    try:
        importlib.import_module("ipware.ip")
    except ImportError as exc:
        raise ImproperlyConfigured(
            "PROXY_COUNT is set but django-ipware cannot be imported, so client addresses cannot be "
            "read from X-Forwarded-For."
        ) from exc

SIGN_IN_CODE_TTL = timedelta(minutes=10)
SIGN_IN_CODE_MAX_TRIES = 5
# Codes e-mailed per hour, per donor and per client address; none within a minute of the last.
SIGN_IN_CODES_PER_DONOR = env.int("SIGN_IN_CODES_PER_DONOR", default=5)
SIGN_IN_CODES_PER_CLIENT = env.int("SIGN_IN_CODES_PER_CLIENT", default=10)
SIGN_IN_CODE_INTERVAL = timedelta(minutes=1)

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", "English")]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Attachments are private: they are served only through views that check who asks.
MEDIA_URL = "/media-not-public/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Letters
LETTER_MAX_CHARS = 20_000
LETTER_MAX_PHOTOS = 3
QUESTION_MAX_CHARS = 4_000
PHOTO_MAX_BYTES = 10 * 1024 * 1024
# A photo's header may claim at most PHOTO_MAX_PIXELS; what is decoded (a JPEG at 1/2, 1/4 or 1/8
# scale where that still covers PHOTO_MAX_SIDE, a PNG whole) at most PHOTO_MAX_DECODED_PIXELS; photos
# are kept at most PHOTO_MAX_SIDE pixels on their longer side. One decode at a time per request:
# about 16 M pixels of 4 bytes, with its scaled copy, keeps a request near 110 MB for photos.
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_MAX_DECODED_PIXELS = 16_000_000
PHOTO_MAX_SIDE = 2048
# Letters on paper and e-mail, taken in by caseworkers (correspondence/reading.py).
INTAKE_MAX_BYTES = 20 * 1024 * 1024
INTAKE_MAX_FILES = 10
INTAKE_MAX_PAGES = 20
OCR_LANGUAGE = env.str("OCR_LANGUAGE", default="eng")
OCR_TIMEOUT_SECONDS = env.int("OCR_TIMEOUT_SECONDS", default=120)
# Days the scans of a letter taken in on paper or by e-mail are kept after the letter left review.
INTAKE_FILES_KEEP_DAYS = env.int("INTAKE_FILES_KEEP_DAYS", default=30)
if INTAKE_FILES_KEEP_DAYS < 0:
    raise ImproperlyConfigured("INTAKE_FILES_KEEP_DAYS must be 0 or more.")
# The letterhead of printed letters (PDF): the registry's name and address, lines separated by "|".
REGISTRY_NAME = env.str("REGISTRY_NAME", default="Go-Between Correspondence Office")
REGISTRY_ADDRESS = [
    line.strip() for line in env.str("REGISTRY_ADDRESS", default="").split("|") if line.strip()
]

# E-mail: console in development; EMAIL_URL (smtp://user:pass@host:587, with ?tls=True) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
if not DEBUG and EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend":
    # The console backend would print sign-in codes and addresses into the logs.
    raise ImproperlyConfigured("EMAIL_URL must name a mail server when DEBUG is off (not consolemail://).")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Go-Between <letters@go-between.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the site is, for links built outside a request (e-mails sent by a Celery worker or the beat
# sweep); within a request, links follow the request's own scheme and host (correspondence.links).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")

# Celery: with REDIS_URL unset, tasks run eagerly in-process (the embedded default).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="go-between")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A publish during a broker outage must not hang a request: retry briefly, then give up (the sweep
# requeues the letter).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Acks late: a task's message is removed only when the task is done. If the worker dies mid-task the
# message goes back to the queue once it has been out for visibility_timeout (the broker's default:
# an hour); any running worker checks every 10 s. Screening takes seconds, so 60 s brings a killed
# screening back within about a minute and a half. A task still running after 60 s is handed out a
# second time: every task here returns early once its letter has moved on, so that is harmless.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-letters": {
        "task": "correspondence.tasks.letters_requeue_stuck",
        "schedule": crontab(minute="*"),
    },
    "requeue-stuck-intakes": {
        "task": "correspondence.tasks.intakes_requeue_stuck",
        "schedule": crontab(minute="2-59/5"),
    },
    "expire-intake-files": {
        "task": "correspondence.tasks.intakes_files_expire",
        "schedule": crontab(minute=41),
    },
    "release-held-letters": {
        "task": "correspondence.tasks.letters_release_held",
        "schedule": crontab(minute=7),
    },
    "prune-pending-photos": {
        "task": "correspondence.tasks.pending_photos_prune",
        "schedule": crontab(minute=37),
    },
    "prune-idempotency-keys": {
        "task": "clinics.tasks.idempotent_requests_prune",
        "schedule": crontab(minute=23),
    },
}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "config.cache.ReusingRedisCache", "LOCATION": REDIS_URL}}

# Security: production-like settings follow from DEBUG off, each overridable.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp) on every response: scripts, styles, images and fonts from this
# site only, no inline script or style, no plugins, no framing, forms post only here. Pages keep their
# scripts and styles in static files (tests/e2e/test_csp.py visits each kind in chromium).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.constants.SELF],
        "script-src": [csp.constants.SELF],
        "style-src": [csp.constants.SELF],
        "img-src": [csp.constants.SELF, "data:"],
        "font-src": [csp.constants.SELF],
        "connect-src": [csp.constants.SELF],
        "object-src": [csp.constants.NONE],
        "base-uri": [csp.constants.SELF],
        "form-action": [csp.constants.SELF],
        "frame-ancestors": [csp.constants.NONE],
    }
}

# Logs carry ids and states only: never letter text, never a donor's identity.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"drop_query_strings": {"()": "config.log_filters.DropQueryStrings"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # runserver's access log: paths without their query strings (admin searches, API keys).
        "django.server": {
            "handlers": ["console"],
            "filters": ["drop_query_strings"],
            "level": "INFO",
            "propagate": False,
        },
        # Request errors would print the POST body (letter text): keep their message only.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # django-axes names the donor number of every failed sign-in at WARNING: keep only errors.
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "EXCEPTION_HANDLER": "clinics.api.exceptions.api_exception_handler",
    # Per API key (clinics.api.authentication.CentreClient.pk); shared across processes when REDIS_URL is set.
    "DEFAULT_THROTTLE_RATES": {"clinic": env.str("CLINIC_API_RATE", default="600/minute")},
}
# Seconds a rendered page of the clinic letters list is kept (clinics.api.page_cache); 0 turns it off.
# Any change to a centre's letters drops its pages at once; this only bounds what a missed path keeps.
CLINIC_API_PAGE_CACHE_SECONDS = env.int("CLINIC_API_PAGE_CACHE_SECONDS", default=60)
SPECTACULAR_SETTINGS = {
    "TITLE": "Go-Between clinic API",
    "DESCRIPTION": "Forwarded (redacted) letters out; patients' replies and consent in.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Request and response components apart: uploads are binary, required strings non-empty.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LetterStatusEnum": "correspondence.models.Letter.Status",
        "ConsentStatusEnum": "correspondence.models.Consent.Status",
        "CentreLetterStatusEnum": ["forwarded", "delivered"],
        "CommunicationStatusEnum": ["in-progress", "completed"],
    },
}
