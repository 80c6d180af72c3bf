"""The OpenAPI schema is valid, and the API keeps to it (schemathesis against the WSGI app)."""

import io
import re
import uuid

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings

from clinics.api import examples
from clinics.api.throttling import CentreKeyRateThrottle
from clinics.services import centre_api_key_issue
from config.wsgi import application
from correspondence.models import Attachment
from tests.factories import (
    DonationFactory,
    ForwardedLetterFactory,
    PatientFactory,
    TransplantCentreFactory,
    image_bytes,
)


@pytest.mark.django_db
def test_it_has_a_valid_schema_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = out.getvalue()
    for path in (
        "/api/v1/letters/:",
        "/api/v1/letters/{public_id}/:",
        "/api/v1/letters/{public_id}/attachments/{attachment_id}:",
        "/api/v1/letters/{public_id}/acknowledge:",
        "/api/v1/replies/:",
        "/api/v1/replies/{public_id}/:",
        "/api/v1/consents/:",
        "/api/v1/donations/{public_id}/contact-status:",
        "/api/v1/donations/:",
        "/api/v1/donations/{public_id}/:",
        "/api/v1/donations/{public_id}/decline-contact:",
        "/api/v1/donations/{public_id}/resume-contact:",
        "/api/v1/donations/{public_id}/patient-reports:",
        "/api/v1/health-updates/:",
        "/api/v1/fhir/Communication/{public_id}:",
    ):
        assert f"\n  {path}\n" in schema


@pytest.mark.django_db
def test_it_serves_the_schema_and_the_docs_without_a_cdn(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert not any(cdn in html for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs")), "assets come from sidecar"


@pytest.fixture
def keep_test_connection():
    """Schemathesis calls the WSGI app directly: keep Django from closing the test's database connection
    at the end of each request, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def clinic_key(db, monkeypatch, keep_test_connection) -> str:
    """A centre with a donation and a forwarded letter (with a photo) under the ids the schema's examples use,
    so the examples phase reaches real rows, not only 404s."""
    monkeypatch.setattr(CentreKeyRateThrottle, "THROTTLE_RATES", {"clinic": "100000/minute"})
    centre = TransplantCentreFactory(code="US-SEA-01")
    donation = DonationFactory(
        public_id=uuid.UUID(examples.DONATION_ID),
        patient=PatientFactory(centre=centre, reference="SEA-2026-0147"),
    )
    letter = ForwardedLetterFactory(donation=donation, public_id=uuid.UUID(examples.LETTER_ID))
    photo = Attachment(
        letter=letter,
        public_id=uuid.UUID(examples.PHOTO_ID),
        content_type="image/jpeg",
        size=10,
        sha256="0" * 64,
        width=64,
        height=48,
    )
    photo.file.save("photo", ContentFile(image_bytes()), save=False)
    photo.save()
    letter.redacted.attachments.add(photo)
    return centre_api_key_issue(centre=centre, name="schemathesis")[1]


# Loaded at collection: the schema view reads no database. (schemathesis.pytest.from_fixture would
# load it lazily, but needs pytest's private Node._nodeid, gone in pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# The key comes from the fixture; missing and bad keys are test_api_keys' business.
schema.config.generation.update(with_security_parameters=False)


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_it_keeps_to_its_schema(case, clinic_key):
    """No server errors; statuses, content types and bodies as the schema says.

    Each POST gets a fresh Idempotency-Key: a generated key repeated with another body is rightly
    refused (422), which test_api_idempotency covers.
    """
    key = (case.headers or {}).get("Idempotency-Key")
    if key is not None and re.fullmatch(r"[!-~]([ -~]*[!-~])?", key) and len(key) <= 255:
        case.headers["Idempotency-Key"] = str(uuid.uuid4())  # still valid; missing or bad keys stay
    body = case.body if isinstance(case.body, dict) else {}
    if isinstance(body.get("signed_on"), str) and body["signed_on"] > timezone.localdate().isoformat():
        body["signed_on"] = "2026-01-01"  # documented: a form is not signed in the future
    photos = body.get("photos")
    if isinstance(photos, list) and all(isinstance(p, bytes | str) for p in photos):
        body["photos"] = [
            image_bytes() for _ in photos
        ]  # random bytes are no photo: documented as JPEG or PNG
    case.call_and_validate(headers={"Authorization": f"Api-Key {clinic_key}"})
