import datetime
import threading
import time

import pytest
import time_machine
from django.db import connection

from clinics.api import views
from clinics.models import IdempotentRequest
from clinics.services import idempotent_requests_prune
from correspondence.models import Consent, Letter
from tests.clinics.conftest import client_for
from tests.factories import DonationFactory, PatientFactory, TransplantCentreFactory

pytestmark = pytest.mark.django_db

REPLY = "Dear donor,\n\nThank you.\n\nYour recipient"


def reply(client, donation, key: str, text: str = REPLY):
    return client.post(
        "/api/v1/replies/",
        {"donation_id": str(donation.public_id), "text": text},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_it_replays_a_retried_post_without_a_duplicate(api, donation):
    first = reply(api, donation, "retry-1")
    second = reply(api, donation, "retry-1")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).count() == 1


def test_it_refuses_the_same_key_with_another_body(api, donation):
    reply(api, donation, "retry-2")
    response = reply(api, donation, "retry-2", text="Something else entirely")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).count() == 1


def test_it_refuses_the_same_key_on_another_endpoint(api, donation, letter):
    reply(api, donation, "retry-3")
    response = api.post(f"/api/v1/letters/{letter.public_id}/acknowledge", HTTP_IDEMPOTENCY_KEY="retry-3")
    assert response.status_code == 422


def test_it_keeps_keys_apart_per_centre(api, other_api, donation):
    """Bob's centre using Alice's key string is a different request, not a replay of Alice's answer."""
    reply(api, donation, "shared-key")
    response = reply(other_api, donation, "shared-key")
    assert response.status_code == 404  # Bob may not reply about Alice's donation; nothing replayed
    assert "Idempotent-Replayed" not in response


def test_it_stores_nothing_for_a_failed_request_so_it_can_be_retried(api, donation):
    assert reply(api, donation, "retry-4", text="").status_code == 400
    assert not IdempotentRequest.objects.exists()
    assert reply(api, donation, "retry-4", text="").status_code == 400


def test_it_needs_an_idempotency_key_on_every_post(api, donation, letter):
    posts = [
        ("/api/v1/replies/", {"donation_id": str(donation.public_id), "text": REPLY}),
        (
            "/api/v1/consents/",
            {
                "donation_id": str(donation.public_id),
                "status": "given",
                "signed_on": "2026-01-01",
                "signed_form_reference": "F-1",
            },
        ),
        (f"/api/v1/letters/{letter.public_id}/acknowledge", {}),
    ]
    for url, data in posts:
        response = api.post(url, data, format="json")
        assert response.status_code == 400, url
        assert response.json()["code"] == "idempotency_key_missing"
    assert not Consent.objects.exists()
    assert not Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).exists()


@pytest.mark.parametrize("key", ["x" * 256, "tab\tkey"])
def test_it_refuses_malformed_keys(api, donation, key):
    assert reply(api, donation, key).status_code == 400


def test_it_forgets_keys_after_a_day(api, donation):
    reply(api, donation, "old-key")
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=25)):
        reply(api, donation, "new-key")
        assert idempotent_requests_prune() == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new-key"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="waits on the unique index: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_it_creates_one_reply_for_two_concurrent_requests_with_one_key(monkeypatch):
    """The second request waits on the first one's key, then replays its answer."""
    slow = views.reply_submit

    def reply_submit_slowly(**kwargs):
        time.sleep(0.5)  # hold the key while the other request arrives
        return slow(**kwargs)

    monkeypatch.setattr(views, "reply_submit", reply_submit_slowly)
    api = client_for(TransplantCentreFactory())
    donation = DonationFactory(patient=PatientFactory(centre=api.centre))
    responses = []

    def send() -> None:
        try:
            responses.append(reply(api, donation, "concurrent"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(r.status_code for r in responses) == [201, 201]
    assert responses[0].json() == responses[1].json()
    assert sum(r.has_header("Idempotent-Replayed") for r in responses) == 1
    assert Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).count() == 1
