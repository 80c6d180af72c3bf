"""Transplant centres authenticate with an API key: `Authorization: Api-Key <key>`."""

import contextlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request
from rest_framework_api_key.permissions import KeyParser

from clinics.models import CentreAPIKey, TransplantCentre

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CentreClient:
    """The client behind a request: a centre, through one of its keys (DRF's `request.user`).

    `pk` is the key's id, so the throttle (clinics.api.throttling) counts requests per key.
    """

    centre: TransplantCentre
    key_prefix: str
    pk: str

    is_authenticated = True
    is_anonymous = False


KEY_CACHE_SECONDS = 60


def _key_cache_name(prefix: str) -> str:
    return f"clinics:api-key:{prefix}"


def centre_api_key_by_prefix(prefix: str) -> CentreAPIKey | None:
    """The unrevoked key with this prefix and its centre, or None; cached, as every request asks.

    Only the row is cached (the hash, expiry and centre), never the key itself: every request is
    still checked against the stored hash. Saving or deleting a key or its centre drops the entry
    at once (forget_centre_api_keys); KEY_CACHE_SECONDS bounds a change made around the ORM, or
    while Redis was unreachable. With Redis unreachable the row is read from the database: a key
    is never let through unchecked.
    """
    name = _key_cache_name(prefix)
    try:
        api_key = cache.get(name)
    except ConnectionError:
        return _centre_api_key_row(prefix)
    if api_key is None:
        api_key = _centre_api_key_row(prefix)
        if api_key is not None:
            with contextlib.suppress(ConnectionError):
                cache.set(name, api_key, KEY_CACHE_SECONDS)
    return api_key


def _centre_api_key_row(prefix: str) -> CentreAPIKey | None:
    return CentreAPIKey.objects.filter(prefix=prefix, revoked=False).select_related("centre").first()


def forget_centre_api_keys(*prefixes: str) -> None:
    """Drop these keys' cached rows, so that a revocation or a centre's change applies to the next request.

    Now, and again once committed: a request reading the old row in between must not cache it.
    """
    names = [_key_cache_name(prefix) for prefix in prefixes]

    def forget() -> None:
        try:
            cache.delete_many(names)
        except ConnectionError:
            # Redis unreachable: the rows it holds may outlive the change by KEY_CACHE_SECONDS.
            logger.warning("could not drop %d cached API-key rows: cache unreachable", len(names))

    forget()
    transaction.on_commit(forget)


class CentreAPIKeyAuthentication(BaseAuthentication):
    """Find the centre's key from the Authorization header; a revoked or expired key is refused (401)."""

    keyword = KeyParser.keyword

    def authenticate(self, request: Request) -> tuple[CentreClient, CentreAPIKey] | None:
        key = KeyParser().get(request)
        if not key:
            return None
        prefix = key.partition(".")[0]
        api_key = centre_api_key_by_prefix(prefix)
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed(_("Unknown or revoked API key."))
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed(_("This API key has expired."))
        return CentreClient(centre=api_key.centre, key_prefix=api_key.prefix, pk=api_key.pk), api_key

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
