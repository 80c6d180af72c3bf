"""Request bodies the clinic API reads: bounded in size and in nesting, refused with a JSON 400 or 413."""

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json as json_utils

# No body of the API nests deeper than 2 levels (an object of lists); 16 leaves room and keeps every
# later walk over the data (fingerprints, serializers, error messages) far from Python's recursion limit.
MAX_JSON_DEPTH = 16


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def max_request_bytes() -> int:
    """The largest body any operation needs: every photo a reply may carry at its largest, and the fields."""
    return settings.LETTER_MAX_PHOTOS * settings.PHOTO_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_deep(data: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether lists and objects in `data` nest more than `limit` levels (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, reading at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes and MAX_JSON_DEPTH levels."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(_("The JSON body is larger than %(limit)d bytes.") % {"limit": limit})
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            constant = json_utils.strict_constant if self.strict else None
            data = json.loads(raw.decode(encoding), parse_constant=constant)
        except RecursionError as exc:
            raise ParseError(_("The JSON body is nested too deeply.")) from exc
        except ValueError as exc:
            raise ParseError(_("The body is not valid JSON: %(error)s") % {"error": exc}) from exc
        if too_deep(data):
            raise ParseError(
                _("The JSON body is nested more than %(limit)d levels deep.") % {"limit": MAX_JSON_DEPTH}
            )
        return data
