import uuid

import pytest

from correspondence.models import Flag, Letter, LetterEvent
from tests.factories import DonationFactory, ForwardedLetterFactory, image_bytes

pytestmark = pytest.mark.django_db

URL = "/api/v1/replies/"
REPLY = "Dear donor,\n\nThank you so much. I am back at school since March.\n\nYour recipient"


def post(client, data, *, key: str | None = None, format: str = "json"):
    return client.post(URL, data, format=format, HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()))


def test_it_stores_a_reply_and_queues_screening_after_commit(
    api, donation, letter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = post(
            api, {"donation_id": str(donation.public_id), "text": REPLY, "in_reply_to": str(letter.public_id)}
        )
    assert response.status_code == 201, response.content
    reply = Letter.objects.get(public_id=response.json()["id"])
    assert reply.direction == Letter.Direction.PATIENT_TO_DONOR
    assert reply.status == Letter.Status.SUBMITTED
    assert reply.in_reply_to == letter
    assert reply.body == REPLY
    assert len(callbacks) == 1
    [event] = LetterEvent.objects.filter(letter=reply, kind=LetterEvent.Kind.SUBMITTED)
    assert event.data == {"centre": "US-ALICE", "photos": 0}


def test_it_screens_the_reply_with_both_sides_known_identities(
    api, donation, django_capture_on_commit_callbacks
):
    text = "Dear Friedrich,\n\nI am Rosalind and I live in Spokane.\n\nYour recipient"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, {"donation_id": str(donation.public_id), "text": text})
    reply = Letter.objects.get(public_id=response.json()["id"])
    assert reply.status in (Letter.Status.IN_REVIEW, Letter.Status.REFUSED)
    flagged = {text[f.start : f.end] for f in Flag.objects.filter(letter=reply, attachment=None)}
    assert {"Friedrich", "Rosalind", "Spokane"} <= flagged


def test_it_takes_photos_as_multipart(api, donation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("me.jpg", image_bytes(), content_type="image/jpeg")
    response = post(
        api, {"donation_id": str(donation.public_id), "text": REPLY, "photos": [photo]}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["photos"] == 1


def test_it_refuses_a_broken_photo(api, donation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("me.jpg", b"not an image", content_type="image/jpeg")
    response = post(
        api, {"donation_id": str(donation.public_id), "text": REPLY, "photos": [bad]}, format="multipart"
    )
    assert response.status_code == 400
    assert "photos" in response.json()["fields"]
    assert not Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).exists()


def test_it_refuses_replies_about_other_centres_donations(other_api, donation):
    response = post(other_api, {"donation_id": str(donation.public_id), "text": REPLY})
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "No donation with this donation_id for your centre.",
    }
    assert not Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).exists()


def test_it_refuses_to_answer_a_letter_of_another_donation_or_centre(api, donation, others_letter):
    mine_elsewhere = ForwardedLetterFactory(donation=DonationFactory(patient=donation.patient))
    for letter in (others_letter, mine_elsewhere):
        response = post(
            api, {"donation_id": str(donation.public_id), "text": REPLY, "in_reply_to": str(letter.public_id)}
        )
        assert response.status_code in (400, 404)
        assert "in_reply_to" in str(response.json())
    assert not Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param({"text": REPLY}, "donation_id", id="no-donation"),
        pytest.param({"text": ""}, "text", id="empty-text"),
        pytest.param({"text": "x" * 20_001}, "text", id="too-long"),
        pytest.param({"text": " \n\t "}, "text", id="only-white-space"),
        pytest.param({"text": 42}, "text", id="a-number"),
    ],
)
def test_it_explains_invalid_replies(api, donation, data, field):
    response = post(api, {"donation_id": str(donation.public_id), **data} if field != "donation_id" else data)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["fields"] and body["message"]


def test_it_stores_a_nul_character_as_a_replacement_character(api, donation):
    response = post(api, {"donation_id": str(donation.public_id), "text": "Thank\x00 you"})
    assert response.status_code == 201
    assert Letter.objects.get(public_id=response.json()["id"]).body == "Thank\ufffd you"
