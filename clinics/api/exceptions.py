"""Every API error as JSON: {"code": ..., "message": ..., "fields": {...}}."""

import logging
import traceback
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from clinics.api.parsers import RequestTooLarge

logger = logging.getLogger(__name__)

# Model field names as the API calls them.
API_FIELD_NAMES = {"body": "text", "photos": "photos", "__all__": "non_field_errors"}


class UnprocessableEntity(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be processed."
    default_code = "unprocessable"


def _from_django(exc: Exception) -> Exception:
    """Django's own exceptions, raised by services, selectors and request parsing, as DRF's."""
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return exceptions.ParseError(_("The body has too many fields or files."))
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("Not found, or not one of your centre's."))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.NotFound(_("Not found, or not one of your centre's."))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {API_FIELD_NAMES.get(k, k): v for k, v in exc.message_dict.items()}
            return exceptions.ValidationError(detail=detail, code=getattr(exc, "code", None) or "invalid")
        return exceptions.ValidationError(
            detail={"non_field_errors": exc.messages}, code=exc.code or "invalid"
        )
    return exc


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_message(value)
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def _messages(detail: Any) -> list[str]:
    """A field's messages as a flat list (a list field's errors come keyed by item)."""
    if isinstance(detail, dict):
        return [m for key, value in detail.items() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """Return a JSON error with a code and a message a person can act on; never letter text."""
    exc = _from_django(exc)
    response = exception_handler(exc, context)
    if response is None:
        # The type and where it was raised, not the message: a database error may quote letter text.
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        logger.error(
            "clinic API error in %s: %s at %s:%s",
            type(context.get("view")).__name__,
            type(exc).__name__,
            frame.filename if frame else "?",
            frame.lineno if frame else "?",
        )
        return Response(
            {"code": "server_error", "message": _("Something went wrong on our side; try again later.")},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    assert isinstance(exc, exceptions.APIException)
    body: dict[str, Any] = {"code": exc.get_codes() if isinstance(exc.get_codes(), str) else "invalid"}
    if isinstance(exc, exceptions.NotAuthenticated):
        body["message"] = _("Send your centre's API key in the header: Authorization: Api-Key <key>.")
    elif isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["message"] = _("The request is not valid: %(first)s") % {"first": _first_message(exc.detail)}
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["fields"] = {name: _messages(messages) for name, messages in detail.items()}
    else:
        body["message"] = _first_message(exc.detail)
    response.data = body
    return response


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other path under the API: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"code": "not_found", "message": _("No such API endpoint.")}, status=404)
