import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from clinics.api.authentication import centre_api_key_by_prefix
from clinics.api.throttling import CentreKeyRateThrottle
from clinics.models import CentreAPIKey
from tests.factories import TransplantCentreFactory, UserFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("get", "/api/v1/letters/"),
    ("get", "/api/v1/letters/3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01/"),
    (
        "get",
        "/api/v1/letters/3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01/attachments/3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c02",
    ),
    ("post", "/api/v1/letters/3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01/acknowledge"),
    ("post", "/api/v1/replies/"),
    ("post", "/api/v1/consents/"),
    ("get", "/api/v1/donations/3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01/contact-status"),
    ("get", "/api/v1/fhir/Communication/3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01"),
]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
@pytest.mark.parametrize("authorization", [None, "Api-Key nope.nope", "Bearer abc", "Api-Key "])
def test_it_refuses_requests_without_a_valid_key(method, url, authorization):
    client = APIClient()
    if authorization:
        client.credentials(HTTP_AUTHORIZATION=authorization)
    response = getattr(client, method)(url, HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response.json()["message"]


def test_it_refuses_a_revoked_key(api):
    key = CentreAPIKey.objects.get(centre=api.centre)
    key.revoked = True
    key.save()
    assert api.get("/api/v1/letters/").status_code == 401


def test_it_refuses_a_key_revoked_after_it_was_used_at_once(api, django_capture_on_commit_callbacks):
    assert api.get("/api/v1/letters/").status_code == 200
    key = CentreAPIKey.objects.get(centre=api.centre)
    key.revoked = True
    with django_capture_on_commit_callbacks(execute=True):
        key.save()
    assert api.get("/api/v1/letters/").status_code == 401


def test_it_refuses_a_key_given_a_past_expiry_after_it_was_used(api):
    assert api.get("/api/v1/letters/").status_code == 200
    key = CentreAPIKey.objects.get(centre=api.centre)
    key.expiry_date = timezone.now() - datetime.timedelta(minutes=1)
    key.save()
    assert api.get("/api/v1/letters/").status_code == 401


def test_it_reads_a_key_from_the_database_once_while_it_is_unchanged(api, django_assert_num_queries):
    api.get("/api/v1/letters/")
    with django_assert_num_queries(1):  # the letters page; the key row comes from the cache
        assert api.get("/api/v1/letters/?page_size=1").status_code == 200


def test_it_sees_a_centres_change_on_the_next_request(api):
    assert api.get("/api/v1/letters/").status_code == 200
    api.centre.code = "US-RENAMED"
    api.centre.save()
    key = CentreAPIKey.objects.get(centre=api.centre)
    assert centre_api_key_by_prefix(key.prefix).centre.code == "US-RENAMED"


def test_it_refuses_an_expired_key(api):
    CentreAPIKey.objects.filter(centre=api.centre).update(
        expiry_date=timezone.now() - datetime.timedelta(days=1)
    )
    response = api.get("/api/v1/letters/")
    assert response.status_code == 401
    assert "expired" in response.json()["message"]


def test_it_refuses_another_centres_key_with_a_wrong_secret(api, other_api):
    prefix = api.key.partition(".")[0]
    other_secret = other_api.key.partition(".")[2]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {prefix}.{other_secret}")
    assert client.get("/api/v1/letters/").status_code == 401


def test_it_stores_only_the_hash_of_the_key(api):
    stored = CentreAPIKey.objects.get(centre=api.centre)
    secret = api.key.partition(".")[2]
    assert secret not in stored.hashed_key and secret not in stored.id


def test_it_issues_a_key_once_from_the_command():
    centre = TransplantCentreFactory(code="DE-HH-01")
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_clinic_token", "DE-HH-01", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert CentreAPIKey.objects.get_from_key(key).centre == centre
    assert "cannot be shown again" in err.getvalue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert client.get("/api/v1/letters/").status_code == 200


def test_it_refuses_an_unknown_centre_code():
    with pytest.raises(CommandError):
        call_command("issue_clinic_token", "NOPE")


def test_it_lists_and_revokes_keys_in_the_admin(client, api):
    client.force_login(
        UserFactory(is_staff=True, is_superuser=True), backend="django.contrib.auth.backends.ModelBackend"
    )
    key = CentreAPIKey.objects.get(centre=api.centre)
    assert api.get("/api/v1/letters/").status_code == 200
    listing = client.get(reverse("admin:clinics_centreapikey_changelist"))
    assert listing.status_code == 200 and key.prefix in listing.content.decode()
    change = reverse("admin:clinics_centreapikey_change", args=[key.pk])
    response = client.post(
        change,
        {
            "name": key.name,
            "centre": api.centre.pk,
            "revoked": "on",
            "expiry_date_0": "",
            "expiry_date_1": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    key.refresh_from_db()
    assert key.revoked is True
    assert api.get("/api/v1/letters/").status_code == 401


def test_it_throttles_per_key(monkeypatch, api, other_api):
    cache.clear()
    monkeypatch.setattr(CentreKeyRateThrottle, "THROTTLE_RATES", {"clinic": "3/minute"})
    try:
        assert [api.get("/api/v1/letters/").status_code for _ in range(4)] == [200, 200, 200, 429]
        throttled = api.get("/api/v1/letters/")
        assert throttled.json()["code"] == "throttled" and throttled["Retry-After"]
        assert other_api.get("/api/v1/letters/").status_code == 200
    finally:
        cache.clear()
