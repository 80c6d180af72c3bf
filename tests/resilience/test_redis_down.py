"""A redis-server of the test's own is stopped under the clinic API, then started again."""

import time

import pytest
import redis
from django.urls import reverse
from rest_framework.test import APIClient

from clinics.services import centre_api_key_issue
from tests.factories import DonationFactory, ForwardedLetterFactory, PatientFactory, TransplantCentreFactory
from tests.resilience.procs import needs_redis_server

pytestmark = [needs_redis_server, pytest.mark.resilience]

LIST = "/api/v1/letters/"


def test_it_keeps_the_clinic_api_answering_while_redis_is_stopped(db, settings, redis_server, client):
    settings.CACHES = {"default": {"BACKEND": "config.cache.ReusingRedisCache", "LOCATION": redis_server.url}}
    settings.CLINIC_API_PAGE_CACHE_SECONDS = 60
    centre = TransplantCentreFactory()
    letter = ForwardedLetterFactory(donation=DonationFactory(patient=PatientFactory(centre=centre)))
    _, key = centre_api_key_issue(centre=centre, name="resilience")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    first = api.get(LIST)
    assert first.status_code == 200
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # the key row and the page are cached

    redis_server.stop()
    started = time.monotonic()
    for _ in range(5):
        response = api.get(LIST)
        assert response.status_code == 200 and response.json() == first.json()
    assert api.get(f"{LIST}{letter.public_id}/").status_code == 200
    assert time.monotonic() - started < 5  # no request waits out a timeout
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Api-Key made.up")
    assert stranger.get(LIST).status_code == 401  # never open on authentication
    health = client.get(reverse("healthz"))
    assert health.status_code == 200 and health.json()["cache"] == "down"

    redis_server.start()  # the same port, empty
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and client.get(reverse("healthz")).json()["cache"] != "up":
        time.sleep(0.5)
    assert api.get(LIST).status_code == 200
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # cached again
