import datetime

import pytest
from django.utils import timezone

from correspondence.models import Letter
from tests.factories import ForwardedLetterFactory

pytestmark = pytest.mark.django_db


def url(letter) -> str:
    return f"/api/v1/fhir/Communication/{letter.public_id}"


def test_it_gives_the_letter_as_a_fhir_communication(api, letter):
    response = api.get(url(letter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    resource = response.json()
    assert resource["resourceType"] == "Communication"
    assert resource["id"] == str(letter.public_id)
    assert resource["status"] == "in-progress"
    assert resource["subject"]["type"] == "Patient"
    assert resource["subject"]["identifier"]["value"] == "ALICE-P-1"
    assert resource["subject"]["identifier"]["system"].endswith("/sid/centre/US-ALICE/patient")
    assert resource["sender"]["type"] == "Organization"
    assert resource["recipient"][0]["identifier"]["value"] == "US-ALICE"
    assert resource["payload"] == [{"contentString": letter.redacted.text}]
    assert "received" not in resource and "inResponseTo" not in resource


def test_it_names_the_registry_never_the_donor_as_sender(api, letter):
    text = api.get(url(letter)).content.decode()
    donor = letter.donation.donor
    for value in (donor.given_names, donor.family_name, donor.donor_number, donor.email, donor.city):
        assert value not in text


def test_it_gives_received_and_in_response_to_once_delivered(api, donation):
    reply = ForwardedLetterFactory(donation=donation, direction=Letter.Direction.PATIENT_TO_DONOR)
    letter = ForwardedLetterFactory(
        donation=donation,
        status=Letter.Status.DELIVERED,
        delivered_at=timezone.now() + datetime.timedelta(hours=1),
        in_reply_to=reply,
    )
    resource = api.get(url(letter)).json()
    assert resource["status"] == "completed"
    assert resource["received"]
    assert resource["inResponseTo"][0]["identifier"]["value"] == f"urn:uuid:{reply.public_id}"


def test_it_hides_other_centres_communications(other_api, letter):
    assert other_api.get(url(letter)).status_code == 404
