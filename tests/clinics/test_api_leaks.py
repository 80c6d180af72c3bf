"""The original text, its flags, caseworker notes and the donor's identity never leave through the API."""

import uuid

import pytest
from django.core.files.base import ContentFile

from correspondence.models import Attachment, Flag, Letter
from tests.factories import ForwardedLetterFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db

ORIGINAL = (
    "Dear Rosalind,\n\n"
    "I am Friedrich Langenbach from Kassel, I work at Volkswagen Baunatal. "
    "Call me on +49 561 555 0199 or write to friedrich.l@example.org.\n\n"
    "Your donor Fritz"
)
REDACTED = (
    "Dear [NAME],\n\nI am [NAME] from [PLACE], I work at [ORGANISATION]. "
    "Call me on [CONTACT] or write to [CONTACT].\n\nYour donor [NAME]"
)
NOTE = "Caseworker note: the donor insisted on naming the factory"


@pytest.fixture
def sensitive_letter(donation):
    donor = donation.donor
    donor.email, donor.employer, donor.nicknames = "friedrich.l@example.org", "Volkswagen Baunatal", "Fritz"
    donor.save()
    letter = ForwardedLetterFactory(donation=donation, body=ORIGINAL, redacted=REDACTED, status_reason=NOTE)
    for value, label in (
        ("Rosalind", "NAME"),
        ("Friedrich Langenbach", "NAME"),
        ("Kassel", "LOCATION"),
        ("Volkswagen Baunatal", "ORGANISATION"),
        ("+49 561 555 0199", "CONTACT"),
        ("friedrich.l@example.org", "CONTACT"),
        ("Fritz", "NAME"),
    ):
        start = ORIGINAL.index(value)
        Flag.objects.create(
            letter=letter,
            start=start,
            end=start + len(value),
            label=label,
            source="caseworker",
            decision=Flag.Decision.ACCEPTED,
            decided_by=UserFactory(username="cw-anna-maria"),
        )
    photo = Attachment(letter=letter, content_type="image/jpeg", size=1, sha256="0" * 64, width=64, height=48)
    photo.file.save("photo", ContentFile(image_bytes()), save=False)
    photo.save()
    letter.redacted.attachments.add(photo)
    return letter


def forbidden_strings(letter: Letter) -> list[str]:
    donor = letter.donation.donor
    flagged = [letter.body[f.start : f.end] for f in letter.flags.filter(attachment=None)]
    identity = [
        donor.given_names,
        donor.family_name,
        donor.donor_number,
        donor.email,
        donor.phone,
        donor.city,
        donor.employer,
        donor.date_of_birth.isoformat(),
        donor.user.username,
    ]
    return [*flagged, *identity, letter.body, letter.status_reason, "cw-anna-maria", "Dear Rosalind"]


def _strings(value: object) -> list[str]:
    """Every string in a parsed JSON document, keys included (JSON escapes newlines in the raw body)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def test_it_never_shows_the_original_flags_notes_or_donor_identity(api, sensitive_letter):
    letter = sensitive_letter
    donation = letter.donation
    photo = letter.redacted.attachments.get()

    def post(url: str, data: dict, format: str = "json"):
        return api.post(url, data, format=format, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))

    responses = {
        "list": api.get("/api/v1/letters/"),
        "list-filtered": api.get("/api/v1/letters/", {"patient": "ALICE-P-1", "status": "forwarded"}),
        "detail": api.get(f"/api/v1/letters/{letter.public_id}/"),
        "fhir": api.get(f"/api/v1/fhir/Communication/{letter.public_id}"),
        "contact-status": api.get(f"/api/v1/donations/{donation.public_id}/contact-status"),
        "reply": post(
            "/api/v1/replies/",
            {
                "donation_id": str(donation.public_id),
                "text": "Thank you!",
                "in_reply_to": str(letter.public_id),
            },
        ),
        "reply-invalid": post("/api/v1/replies/", {"donation_id": str(donation.public_id), "text": ""}),
        "consent": post(
            "/api/v1/consents/",
            {
                "donation_id": str(donation.public_id),
                "status": "given",
                "signed_on": "2026-05-01",
                "signed_form_reference": "F-9",
            },
        ),
        "acknowledge": post(f"/api/v1/letters/{letter.public_id}/acknowledge", {}),
        "detail-after-ack": api.get(f"/api/v1/letters/{letter.public_id}/"),
        "fhir-after-ack": api.get(f"/api/v1/fhir/Communication/{letter.public_id}"),
        "not-found": api.get(f"/api/v1/letters/{uuid.uuid4()}/"),
    }
    photo_response = api.get(f"/api/v1/letters/{letter.public_id}/attachments/{photo.public_id}")
    assert photo_response.status_code == 200
    assert {name: r.status_code for name, r in responses.items()} == {
        "list": 200,
        "list-filtered": 200,
        "detail": 200,
        "fhir": 200,
        "contact-status": 200,
        "reply": 201,
        "reply-invalid": 400,
        "consent": 201,
        "acknowledge": 200,
        "detail-after-ack": 200,
        "fhir-after-ack": 200,
        "not-found": 404,
    }
    assert responses["detail"].json()["text"] == REDACTED
    secrets = forbidden_strings(letter)
    for name, response in responses.items():
        text = "\n".join([response.content.decode(), *_strings(response.json()), *map(str, response.items())])
        leaked = [s for s in secrets if s and s in text]
        assert leaked == [], f"{name} leaks {leaked}"
    photo_bytes = b"".join(photo_response.streaming_content)
    assert not [s for s in secrets if s and s.encode() in photo_bytes]
