"""With Redis unreachable the clinic API keeps answering: keys from the database, no throttle, no page cache.

The cache here is a Redis cache on a port where nothing listens (connections are refused at once);
tests/resilience/test_redis_down.py stops a real redis-server under the API.
"""

import pytest
from django.urls import reverse

from clinics.models import CentreAPIKey

pytestmark = pytest.mark.django_db

LIST = "/api/v1/letters/"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.ReusingRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    settings.CLINIC_API_PAGE_CACHE_SECONDS = 60


def test_it_serves_letters_with_the_cache_down(api, letter, redis_down):
    response = api.get(LIST)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [str(letter.public_id)]
    assert api.get(f"{LIST}{letter.public_id}/").status_code == 200


def test_it_still_refuses_unknown_and_revoked_keys_with_the_cache_down(api, letter, redis_down):
    api.credentials(HTTP_AUTHORIZATION="Api-Key nonsense.key")
    assert api.get(LIST).status_code == 401
    CentreAPIKey.objects.filter(centre=letter.donation.patient.centre).update(revoked=True)
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {api.key}")
    assert api.get(LIST).status_code == 401


def test_it_lets_requests_through_unthrottled_with_the_cache_down(api, letter, redis_down, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"clinic": "2/minute"}}
    assert [api.get(LIST).status_code for _ in range(4)] == [200] * 4


def test_it_revokes_a_key_in_the_admin_with_the_cache_down(admin_client, api, redis_down):
    key = CentreAPIKey.objects.get(centre=api.centre)
    response = admin_client.post(
        reverse("admin:clinics_centreapikey_change", args=[key.pk]),
        {
            "name": key.name,
            "centre": key.centre_id,
            "revoked": "on",
            "expiry_date_0": "",
            "expiry_date_1": "",
        },
    )
    assert response.status_code == 302
    assert api.get(LIST).status_code == 401


def test_it_reports_each_dependency_on_healthz(client, redis_down, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "up",
        "cache": "down",
        "broker": "in-process",
    }


def test_it_reports_a_broker_it_cannot_reach(client, settings):
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get(reverse("healthz"))
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 200
    assert response.json()["broker"] == "down" and response.json()["status"] == "degraded"
