import datetime
import uuid

import pytest

from correspondence.models import Consent

pytestmark = pytest.mark.django_db

URL = "/api/v1/consents/"


def post(client, data, key: str | None = None):
    return client.post(URL, data, format="json", HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()))


def consent(donation, status: str = "given") -> dict:
    return {
        "donation_id": str(donation.public_id),
        "status": status,
        "signed_on": "2026-05-02",
        "signed_form_reference": "ALICE-CONSENT-7",
    }


def test_it_records_the_patients_consent(api, donation):
    response = post(api, consent(donation))
    assert response.status_code == 201, response.content
    assert response.json()["side"] == "patient"
    record = Consent.objects.get(donation=donation)
    assert (record.side, record.status, record.source) == ("patient", "given", "clinic API")
    assert record.signed_on == datetime.date(2026, 5, 2)
    assert record.signed_form_reference == "ALICE-CONSENT-7"


def test_it_records_a_withdrawal_as_the_newest_record(api, donation):
    post(api, consent(donation, "given"))
    post(api, consent(donation, "withdrawn"))
    assert Consent.objects.filter(donation=donation).first().status == "withdrawn"


def test_it_refuses_consent_for_other_centres_donations(other_api, donation):
    response = post(other_api, consent(donation))
    assert response.status_code == 404
    assert "donation_id" in response.json()["message"]
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"status": "maybe"}, "status", id="unknown-status"),
        pytest.param({"signed_on": "2999-01-01"}, "signed_on", id="signed-in-the-future"),
        pytest.param({"signed_form_reference": ""}, "signed_form_reference", id="no-form-reference"),
    ],
)
def test_it_explains_invalid_consents(api, donation, change, field):
    response = post(api, {**consent(donation), **change})
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_it_gives_the_policys_answer_on_direct_contact(api, donation):
    response = api.get(f"/api/v1/donations/{donation.public_id}/contact-status")
    assert response.status_code == 200
    body = response.json()
    assert body["donation_id"] == str(donation.public_id)
    assert body["possible_now"] is False
    assert body["missing"]


def test_it_hides_other_centres_contact_status(other_api, donation):
    assert other_api.get(f"/api/v1/donations/{donation.public_id}/contact-status").status_code == 404


def test_it_counts_the_consent_in_the_contact_status(api, donation):
    before = api.get(f"/api/v1/donations/{donation.public_id}/contact-status").json()["missing"]
    post(api, consent(donation))
    after = api.get(f"/api/v1/donations/{donation.public_id}/contact-status").json()["missing"]
    assert any("patient" in m for m in before)
    assert not any("patient's written consent" in m for m in after)
