import uuid

import pytest

from correspondence.models import Letter, LetterEvent

pytestmark = pytest.mark.django_db


def acknowledge(client, letter, key: str | None = None):
    return client.post(
        f"/api/v1/letters/{letter.public_id}/acknowledge", HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4())
    )


def test_it_marks_the_letter_delivered_with_an_event(api, letter):
    response = acknowledge(api, letter)
    assert response.status_code == 200
    assert response.json()["status"] == "delivered"
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DELIVERED
    assert letter.delivered_at is not None
    [event] = LetterEvent.objects.filter(letter=letter, kind=LetterEvent.Kind.DELIVERED)
    assert event.data == {"centre": "US-ALICE"}


def test_it_acknowledges_twice_without_change(api, letter):
    acknowledge(api, letter)
    letter.refresh_from_db()
    first = letter.delivered_at
    response = acknowledge(api, letter)  # a new key: a second, separate acknowledgement
    assert response.status_code == 200
    letter.refresh_from_db()
    assert letter.delivered_at == first
    assert LetterEvent.objects.filter(letter=letter, kind=LetterEvent.Kind.DELIVERED).count() == 1


def test_it_refuses_to_acknowledge_other_centres_letters(other_api, letter):
    assert acknowledge(other_api, letter).status_code == 404
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED


def test_it_needs_an_idempotency_key(api, letter):
    response = api.post(f"/api/v1/letters/{letter.public_id}/acknowledge")
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_missing"
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED
