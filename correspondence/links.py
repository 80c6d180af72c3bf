"""Absolute links for e-mails and API documents: from the request being served, else SITE_URL.

A link built while a request is served (a caseworker approving, a centre posting a reply, the
embedded mode's in-process tasks) uses that request's scheme and host, so `make run PORT=8123`
links to port 8123. Outside a request (a Celery worker, the beat sweep) the SITE_URL setting says
where the site is. No port is written into the code.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def site_url(*, request: HttpRequest | None = None) -> str:
    """Return the site's origin without a trailing slash, e.g. "https://letters.example.org"."""
    request = request or _current_request.get()
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """Return `path` (starting with "/") as an absolute URL on this site."""
    return f"{site_url(request=request)}{path}"


class RequestOriginMiddleware:
    """Keep the request being served at hand for `site_url`, for the length of the request only.

    Placed after CommonMiddleware, which has already refused hosts not in ALLOWED_HOSTS.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
