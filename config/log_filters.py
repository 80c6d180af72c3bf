"""Logging filters: what a log line may not carry."""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class DropQueryStrings(logging.Filter):
    """Cut the query string out of request lines (runserver's access log, django.server).

    Query strings carry what logs must not: an admin search for a donor number (?q=...), a filter on
    a patient's reference, or an API key that a client put in the URL by mistake.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("", record.msg)
        if hasattr(record, "request"):
            record.request = None  # handlers such as AdminEmailHandler would print its GET
        return True
