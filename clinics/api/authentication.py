"""Transplant centres authenticate with an API key: `Authorization: Api-Key <key>`."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request
from rest_framework_api_key.permissions import KeyParser

from clinics.models import CentreAPIKey, TransplantCentre


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
    at once (forget_centre_api_keys); KEY_CACHE_SECONDS bounds a change made around the ORM.
    """
    name = _key_cache_name(prefix)
    api_key = cache.get(name)
    if api_key is None:
        api_key = CentreAPIKey.objects.filter(prefix=prefix, revoked=False).select_related("centre").first()
        if api_key is not None:
            cache.set(name, api_key, KEY_CACHE_SECONDS)
    return api_key


def forget_centre_api_keys(*prefixes: str) -> None:
    """Drop these keys' cached rows, so that a revocation or a centre's change applies to the next request.

    Now, and again once committed: a request reading the old row in between must not cache it.
    """
    names = [_key_cache_name(prefix) for prefix in prefixes]
    cache.delete_many(names)
    transaction.on_commit(lambda: cache.delete_many(names))


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
