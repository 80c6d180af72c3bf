"""`Idempotency-Key` on every POST: a retried request gets the stored response, never a duplicate.

The key is claimed by inserting its row in the same transaction as the request's own writes, so
of two concurrent requests with one key the second waits on the unique index, then replays the
first one's response. A failed request (an error response) rolls back and stores nothing: it
created nothing, and may be retried with the same key. Keys are remembered for 24 hours
(clinics.services.idempotent_requests_prune, hourly).
"""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from clinics.api.exceptions import UnprocessableEntity
from clinics.api.permissions import centre_from_request
from clinics.models import IdempotentRequest, TransplantCentre

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type={"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": "^[!-~]([ -~]*[!-~])?$"},
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "A unique key per operation (a UUID is a good choice), 1 to 255 printable ASCII characters. "
        "Retrying with the same key and the same body within 24 hours returns the first response (header "
        "`Idempotent-Replayed: true`) and changes nothing; the same key with another body is refused (422)."
    ),
)


class InFlight(exceptions.APIException):
    status_code = 409
    default_detail = "The first request with this Idempotency-Key is still running; retry shortly."
    default_code = "idempotency_key_in_flight"


class IdempotencyKeyMissing(exceptions.ParseError):
    default_detail = "Send an Idempotency-Key header (e.g. a new UUID) with every POST."
    default_code = "idempotency_key_missing"


def _key(request: Request) -> str:
    key = request.headers.get(HEADER, "").strip()
    if not key:
        raise IdempotencyKeyMissing()
    if len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise exceptions.ParseError(
            _("The Idempotency-Key must be 1 to 255 printable ASCII characters."),
            code="idempotency_key_invalid",
        )
    return key


def _file_digest(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def fingerprint(request: Request) -> str:
    """SHA-256 of the method, path and parsed body (files by content), so a multipart retry matches."""
    data = request.data
    if hasattr(data, "lists"):
        fields: Any = {
            name: [_file_digest(v) if isinstance(v, UploadedFile) else v for v in values]
            for name, values in data.lists()
        }
        fields.update({name: [_file_digest(f) for f in files] for name, files in request.FILES.lists()})
    else:
        fields = data
    canonical = json.dumps([request.method, request.path, fields], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(stored: IdempotentRequest, print_: str) -> Response:
    if stored.fingerprint != print_:
        raise UnprocessableEntity(
            _("This Idempotency-Key was already used for a different request; use a new key."),
            code="idempotency_key_reused",
        )
    if stored.status_code is None:  # Only on databases without row locks on the unique index.
        raise InFlight()
    response = Response(stored.response, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def _claim(*, centre: TransplantCentre, key: str, print_: str) -> IdempotentRequest | Response:
    stored = IdempotentRequest.objects.filter(centre=centre, key=key).first()
    if stored is not None:
        return _replay(stored, print_)
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(centre=centre, key=key, fingerprint=print_)
    except IntegrityError:
        return _replay(IdempotentRequest.objects.get(centre=centre, key=key), print_)


def idempotent_post(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Wrap an API view's `post` with the Idempotency-Key protocol."""

    def post(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = _key(request)
        centre = centre_from_request(request)
        print_ = fingerprint(request)
        with transaction.atomic():
            claimed = _claim(centre=centre, key=key, print_=print_)
            if isinstance(claimed, Response):
                return claimed
            response = handler(view, request, *args, **kwargs)
            claimed.status_code = response.status_code
            claimed.response = json.loads(JSONRenderer().render(response.data) or b"null")
            claimed.save(update_fields=["status_code", "response"])
        return response

    post.__name__, post.__doc__, post.__qualname__ = handler.__name__, handler.__doc__, handler.__qualname__
    post.__wrapped__ = handler  # type: ignore[attr-defined]
    return post
