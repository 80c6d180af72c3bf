"""A forwarded letter as a FHIR R4 Communication (https://hl7.org/fhir/R4/communication.html).

The sender is the registry's correspondence office, an Organization: the donor never appears.
Elements without a value are left out, as FHIR wants, never null.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from rest_framework.fields import DateTimeField
from rest_framework.request import Request

from correspondence.links import absolute_url
from correspondence.models import Letter

RFC3986 = "urn:ietf:rfc:3986"  # FHIR's system for identifiers that are URIs, e.g. urn:uuid:…
STATUS = {Letter.Status.FORWARDED: "in-progress", Letter.Status.DELIVERED: "completed"}


def _base(request: Request | None) -> str:
    """The root of this registry's FHIR identifier systems: on the site the request came to (or SITE_URL)."""
    return absolute_url("/fhir", request=request)


def _instant(value) -> str:
    return DateTimeField().to_representation(value)


def communication_from_letter(letter: Letter, *, request: Request | None = None) -> dict[str, Any]:
    """Return the Communication for a letter from letters_for_centre (its redacted version only)."""
    patient = letter.donation.patient
    centre = patient.centre
    base = _base(request)
    resource: dict[str, Any] = {
        "resourceType": "Communication",
        "id": str(letter.public_id),
        "identifier": [{"system": RFC3986, "value": f"urn:uuid:{letter.public_id}"}],
        "status": STATUS[letter.status],
        "category": [
            {
                "coding": [
                    {
                        "system": f"{base}/CodeSystem/letter-kind",
                        "code": "donor-letter",
                        "display": "Anonymous letter from the donor",
                    }
                ],
                "text": "Anonymous letter from the donor, redacted by the registry",
            }
        ],
        "subject": {
            "type": "Patient",
            "identifier": {"system": f"{base}/sid/centre/{centre.code}/patient", "value": patient.reference},
        },
        "sender": {
            "type": "Organization",
            "identifier": {"system": f"{base}/sid/registry", "value": "correspondence-office"},
            "display": getattr(settings, "REGISTRY_NAME", "Go-Between, the registry's correspondence office"),
        },
        "recipient": [
            {
                "type": "Organization",
                "identifier": {"system": f"{base}/sid/centre", "value": centre.code},
                "display": centre.name,
            }
        ],
        "sent": _instant(letter.forwarded_at),
    }
    if letter.delivered_at is not None:
        resource["received"] = _instant(letter.delivered_at)
    if letter.in_reply_to_id is not None:
        resource["inResponseTo"] = [
            {
                "type": "Communication",
                "identifier": {"system": RFC3986, "value": f"urn:uuid:{letter.in_reply_to.public_id}"},
            }
        ]
    payload: list[dict[str, Any]] = [{"contentString": letter.redacted.text}]
    for n, attachment in enumerate(letter.redacted.attachments.all(), start=1):
        path = reverse(
            "clinics_api:letter_attachment",
            kwargs={"public_id": letter.public_id, "attachment_id": attachment.public_id},
        )
        payload.append(
            {
                "contentAttachment": {
                    "contentType": attachment.content_type,
                    "url": absolute_url(path, request=request),
                    "size": attachment.size,
                    "title": f"Photo {n}",
                }
            }
        )
    resource["payload"] = payload
    return resource
