"""Hostile bodies get a JSON 400 or 413, never a server error."""

import json
import uuid

import pytest

pytestmark = pytest.mark.django_db

REPLIES = "/api/v1/replies/"


def post(api, body: bytes, content_type: str = "application/json"):
    return api.generic(
        "POST", REPLIES, body, content_type=content_type, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())
    )


def test_it_refuses_deeply_nested_json_with_400(api, donation):
    response = post(api, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_it_refuses_json_nested_past_what_any_field_needs_with_400(api, donation):
    nested: object = "text"
    for _ in range(50):
        nested = {"a": nested}
    response = post(api, json.dumps({"donation_id": str(donation.public_id), "text": nested}).encode())
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_it_refuses_a_json_body_over_the_limit_with_413(api, donation):
    body = json.dumps({"donation_id": str(donation.public_id), "text": "a" * 3_000_000}).encode()
    response = post(api, body)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_it_refuses_a_multipart_field_over_the_limit_with_413(api, donation):
    boundary = "XyZ"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n{"a" * 3_000_000}\r\n'
        f"--{boundary}--\r\n"
    ).encode()
    response = post(api, body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_it_refuses_a_declared_length_past_every_photo_allowed_with_413(api, donation):
    response = api.generic(
        "POST",
        REPLIES,
        b"{}",
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
