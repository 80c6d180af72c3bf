"""Rendered pages of the letters list, kept per centre until one of its letters changes.

Integrations poll: they re-read the first page to look for new letters and page through the same
letters again, often several clients per centre. A page is built once (one query, ~10 ms of work)
and then served from the cache, audited all the same (the letter ids are kept with it).

A page is kept rendered (the JSON bytes) under its centre's generation, renewed whenever a service
forwards or delivers one of the centre's letters (correspondence.signals.sent_letters_changed, see
clinics.api.receivers), and for every centre when patients, donations or centres change. Renewing a
generation leaves the old pages unreachable; they expire after CLINIC_API_PAGE_CACHE_SECONDS.

With Redis unreachable (the cache raises ConnectionError) pages are built for every request, as
with the cache off, and a generation that could not be renewed is logged: its pages outlive the
change by at most CLINIC_API_PAGE_CACHE_SECONDS.
"""

import contextlib
import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from clinics.models import TransplantCentre

logger = logging.getLogger(__name__)


def _generation(centre_id: int) -> str:
    return f"clinics:letters-generation:{centre_id}"


@dataclass(frozen=True)
class CachedPage:
    content: bytes  # the response body, rendered
    letter_ids: tuple[int, ...]  # for the audit rows of every read


@dataclass(frozen=True)
class PageSlot:
    """Where the page for one centre and URL is filed under the current generations."""

    key: str | None

    def get(self) -> CachedPage | None:
        try:
            return cache.get(self.key) if self.key else None
        except ConnectionError:
            return None

    def put(self, page: CachedPage) -> None:
        if self.key:
            with contextlib.suppress(ConnectionError):
                cache.set(self.key, page, settings.CLINIC_API_PAGE_CACHE_SECONDS)


def page_slot(*, centre_id: int, url: str) -> PageSlot:
    """The slot of the page the centre asks for with this URL (path, query and host: links are absolute)."""
    if settings.CLINIC_API_PAGE_CACHE_SECONDS <= 0:
        return PageSlot(key=None)
    name = _generation(centre_id)
    try:
        generation = cache.get(name)
        if generation is None:  # never set, or evicted: start one (another process may win the add)
            cache.add(name, uuid.uuid4().hex, None)
            generation = cache.get(name)
    except ConnectionError:
        return PageSlot(key=None)
    digest = hashlib.sha256(url.encode()).hexdigest()
    return PageSlot(key=f"clinics:letters-page:{centre_id}:{generation}:{digest}")


def _renew(names: list[str]) -> None:
    try:
        cache.set_many({name: uuid.uuid4().hex for name in names}, None)
    except ConnectionError:
        logger.warning("could not renew the page generations of %d centres: cache unreachable", len(names))


def forget_pages(*, centre_ids: set[int] | None = None) -> None:
    """Make the cached pages of these centres (None: of every centre) unreachable, now and after commit.

    Again after commit: a request that read the old rows before the commit must not file them under
    the new generation.
    """
    if centre_ids is None:
        centre_ids = set(TransplantCentre.objects.values_list("pk", flat=True))
    names = [_generation(pk) for pk in centre_ids]
    if not names:
        return
    _renew(names)
    transaction.on_commit(lambda: _renew(names))
