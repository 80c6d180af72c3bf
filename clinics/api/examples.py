"""OpenAPI examples of the clinic API (invented data)."""

from drf_spectacular.utils import OpenApiExample

LETTER_ID = "3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01"
DONATION_ID = "9b2e4c61-0a7d-4f3e-8b15-2c3d4e5f6a70"
PHOTO_ID = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"

LETTER = {
    "id": LETTER_ID,
    "status": "forwarded",
    "patient_reference": "SEA-2026-0147",
    "donation_id": DONATION_ID,
    "donation_reference": "DON-004211",
    "sent_at": "2026-05-04T09:12:44Z",
    "delivered_at": None,
    "language": "en",
    "in_reply_to": None,
    "text": "Dear recipient,\n\nI live in [PLACE] and I think of you every day.\n\nYour donor",
}

# A list's example is one item: drf-spectacular wraps it in the page (next, previous, results).
LETTER_LIST = OpenApiExample("A page of letters", value=LETTER, response_only=True)
LETTER_DETAIL = OpenApiExample(
    "A letter with a released photo",
    value={
        **LETTER,
        "attachments": [
            {
                "id": PHOTO_ID,
                "content_type": "image/jpeg",
                "size": 184220,
                "width": 1200,
                "height": 900,
                "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "url": f"https://letters.example.org/api/v1/letters/{LETTER_ID}/attachments/{PHOTO_ID}",
            }
        ],
    },
    response_only=True,
)
LETTER_ACKNOWLEDGED = OpenApiExample(
    "Acknowledged",
    value={**LETTER, "status": "delivered", "delivered_at": "2026-05-05T07:30:00Z"},
    response_only=True,
)
REPLY_REQUEST = OpenApiExample(
    "A reply",
    value={
        "donation_id": DONATION_ID,
        "text": "Dear donor,\n\nThank you. I am back at school since March.\n\nYour recipient",
        "in_reply_to": LETTER_ID,
    },
    request_only=True,
)
REPLY_ID = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
REPLY = {
    "id": REPLY_ID,
    "reference": "L-5A6B-7C8D",
    "donation_id": DONATION_ID,
    "status": "submitted",
    "status_reason": "",
    "submitted_at": "2026-05-06T10:00:00Z",
    "forwarded_at": None,
    "delivered_at": None,
    "updated_at": "2026-05-06T10:00:00Z",
    "in_reply_to": LETTER_ID,
    "photos": 0,
}
REPLY_CREATED = OpenApiExample("Stored, waiting for screening", value=REPLY, response_only=True)
REPLY_RETURNED = OpenApiExample(
    "Returned for a change",
    value={
        **REPLY,
        "status": "returned",
        "status_reason": "Please leave out the name of the hospital, then send the reply again.",
        "updated_at": "2026-05-07T09:12:00Z",
    },
    response_only=True,
)
REPLY_LIST = OpenApiExample(
    "A page of replies",
    value={
        **REPLY,
        "status": "delivered",
        "forwarded_at": "2026-05-08T08:00:00Z",
        "delivered_at": "2026-05-09T18:30:00Z",
        "updated_at": "2026-05-09T18:30:00Z",
    },
    response_only=True,
)
CONSENT_REQUEST = OpenApiExample(
    "Consent given",
    value={
        "donation_id": DONATION_ID,
        "status": "given",
        "signed_on": "2026-05-02",
        "signed_form_reference": "SEA-CONSENT-2026-0088",
    },
    request_only=True,
)
CONSENT_CREATED = OpenApiExample(
    "Recorded",
    value={
        "donation_id": DONATION_ID,
        "side": "patient",
        "status": "given",
        "signed_on": "2026-05-02",
        "signed_form_reference": "SEA-CONSENT-2026-0088",
        "recorded_at": "2026-05-06T10:02:11Z",
    },
    response_only=True,
)
CONTACT_STATUS = OpenApiExample(
    "Not yet",
    value={
        "donation_id": DONATION_ID,
        "possible_now": False,
        "from_date": "2028-03-01",
        "missing": ["the donor's written consent to direct contact"],
        "reasons": ["Direct contact needs 24 months from the first transplant (rule anonymity_months …)."],
    },
    response_only=True,
)
COMMUNICATION = OpenApiExample(
    "A forwarded letter",
    value={
        "resourceType": "Communication",
        "id": LETTER_ID,
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{LETTER_ID}"}],
        "status": "in-progress",
        "category": [
            {
                "coding": [
                    {
                        "system": "https://letters.example.org/fhir/CodeSystem/letter-kind",
                        "code": "donor-letter",
                        "display": "Anonymous letter from the donor",
                    }
                ],
                "text": "Anonymous letter from the donor, redacted by the registry",
            }
        ],
        "subject": {
            "type": "Patient",
            "identifier": {
                "system": "https://letters.example.org/fhir/sid/centre/US-SEA-01/patient",
                "value": "SEA-2026-0147",
            },
        },
        "sender": {
            "type": "Organization",
            "identifier": {
                "system": "https://letters.example.org/fhir/sid/registry",
                "value": "correspondence-office",
            },
            "display": "Go-Between, the registry's correspondence office",
        },
        "recipient": [
            {
                "type": "Organization",
                "identifier": {"system": "https://letters.example.org/fhir/sid/centre", "value": "US-SEA-01"},
                "display": "Seattle Transplant Centre",
            }
        ],
        "sent": "2026-05-04T09:12:44Z",
        "payload": [{"contentString": "Dear recipient,\n\nI live in [PLACE] and I think of you every day."}],
    },
    response_only=True,
)
UNAUTHORIZED = {
    "code": "not_authenticated",
    "message": "Send your centre's API key in the header: Authorization: Api-Key <key>.",
}
NOT_FOUND = {"code": "not_found", "message": "Not found, or not one of your centre's."}
THROTTLED = {"code": "throttled", "message": "Request was throttled. Expected available in 12 seconds."}
INVALID = {
    "code": "invalid",
    "message": "The request is not valid: This field is required.",
    "fields": {"text": ["This field is required."]},
}
IDEMPOTENCY_KEY_MISSING = {
    "code": "idempotency_key_missing",
    "message": "Send an Idempotency-Key header (e.g. a new UUID) with every POST.",
}
IDEMPOTENCY_KEY_REUSED = {
    "code": "idempotency_key_reused",
    "message": "This Idempotency-Key was already used for a different request; use a new key.",
}
IN_FLIGHT = {
    "code": "idempotency_key_in_flight",
    "message": "The first request with this Idempotency-Key is still running; retry shortly.",
}

REPORT_ID = "7e8f9a0b-1c2d-4e3f-a4b5-c6d7e8f9a0b1"
UPDATE_ID = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091"
DONATION = {
    "id": DONATION_ID,
    "reference": "DON-004211",
    "patient_reference": "SEA-2026-0147",
    "product": "fresh",
    "transplant_date": "2026-03-01",
    "last_transplant_date": "2026-03-01",
    "donor_country": "DE",
    "recipient_country": "US",
    "contact_declined": False,
    "contact_declined_at": None,
    "patient_reports": [],
    "now": {
        "letter_to_donor": {
            "action": "forward",
            "hold_until": None,
            "hold_condition": None,
            "reasons": ["Forward anonymously after review: US (…) and DE (…) allow anonymous letters."],
        },
        "letter_to_patient": {
            "action": "forward",
            "hold_until": None,
            "hold_condition": None,
            "reasons": ["Forward anonymously after review: DE (…) and US (…) allow anonymous letters."],
        },
        "direct_contact": {
            "possible_now": False,
            "from_date": "2028-03-01",
            "missing": ["the donor's written consent to direct contact"],
        },
    },
}
DONATION_LIST = OpenApiExample(
    "A page of donations",
    value={"next": None, "previous": None, "results": [DONATION]},
    response_only=True,
)
DONATION_DETAIL = OpenApiExample("A donation", value=DONATION, response_only=True)
DONATION_DECLINED = OpenApiExample(
    "Contact declined",
    value={
        **DONATION,
        "contact_declined": True,
        "contact_declined_at": "2026-06-02T08:15:00Z",
        "now": {
            **DONATION["now"],
            "letter_to_donor": {
                "action": "refuse",
                "hold_until": None,
                "hold_condition": None,
                "reasons": ["Refused: the patient declined contact through their transplant centre (…)."],
            },
        },
    },
    response_only=True,
)
PATIENT_REPORT_REQUEST = OpenApiExample(
    "The patient relapsed", value={"kind": "relapsed", "occurred_on": "2026-09-14"}, request_only=True
)
PATIENT_REPORT_CREATED = OpenApiExample(
    "Recorded, waiting for a caseworker",
    value={
        "id": REPORT_ID,
        "donation_id": DONATION_ID,
        "kind": "relapsed",
        "occurred_on": "2026-09-14",
        "reported_at": "2026-09-20T11:00:00Z",
        "state": "awaiting_caseworker",
    },
    response_only=True,
)
HEALTH_UPDATE_REQUEST = OpenApiExample(
    "Recovering well",
    value={
        "donation_id": DONATION_ID,
        "health_status": "recovering_well",
        "text": "Your recipient is back home and regaining strength week by week.",
    },
    request_only=True,
)
HEALTH_UPDATE_CREATED = OpenApiExample(
    "Stored, waiting for screening",
    value={
        "id": UPDATE_ID,
        "donation_id": DONATION_ID,
        "status": "submitted",
        "health_status": "recovering_well",
        "submitted_at": "2026-09-20T11:00:00Z",
    },
    response_only=True,
)
CONTACT_DECLINED = {
    "code": "contact_declined",
    "message": "The patient declined contact for this donation. Lift it first if they changed their mind.",
}
