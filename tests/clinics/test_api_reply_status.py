"""Centres read where their replies are (GET replies/ and replies/{id}/); another centre's reply is a 404."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import timezone

from correspondence.models import Letter, LetterEvent
from correspondence.services.review import letter_return
from tests.correspondence.test_review import caseworker
from tests.factories import DonationFactory, LetterFactory, PatientFactory

pytestmark = pytest.mark.django_db

SECRET = "Dear donor, greetings from Spokane. Rosalind"


def reply(donation, **kwargs) -> Letter:
    kwargs.setdefault("status", Letter.Status.IN_REVIEW)
    return LetterFactory(
        donation=donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        body=SECRET,
        submitted_at=kwargs.pop("submitted_at", timezone.now()),
        **kwargs,
    )


def test_it_shows_a_returned_reply_with_the_reason_and_never_its_text(api, donation):
    mine = reply(donation)
    letter_return(letter=mine, caseworker=caseworker(), reason="Please leave out the town.")
    response = api.get(f"/api/v1/replies/{mine.public_id}/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == str(mine.public_id) and body["reference"] == mine.reference
    assert (body["status"], body["status_reason"]) == ("returned", "Please leave out the town.")
    assert body["donation_id"] == str(donation.public_id) and body["photos"] == 0
    assert "Spokane" not in response.content.decode() and "Rosalind" not in response.content.decode()
    read = LetterEvent.objects.get(letter=mine, kind="api_read")
    assert read.data == {"centre": "US-ALICE", "via": "reply_status"}


def test_it_answers_404_for_another_centres_reply_and_an_unknown_id(api, other_api, donation):
    mine = reply(donation)
    assert other_api.get(f"/api/v1/replies/{mine.public_id}/").status_code == 404
    assert other_api.get(f"/api/v1/replies/{mine.public_id}/").json()["code"] == "not_found"
    assert api.get(f"/api/v1/replies/{uuid.uuid4()}/").status_code == 404
    assert other_api.get("/api/v1/replies/").json()["results"] == []


def test_it_lists_the_centres_replies_newest_first_and_filters_them(api, other_api, donation):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC), tick=False):
        old = reply(donation, status=Letter.Status.FORWARDED, forwarded_at=timezone.now())
    with time_machine.travel(datetime.datetime(2026, 5, 3, 9, tzinfo=datetime.UTC), tick=False):
        new = reply(donation)
    reply(DonationFactory(patient=PatientFactory(centre=other_api.centre)))
    LetterFactory(donation=donation, direction=Letter.Direction.PATIENT_TO_DONOR, status=Letter.Status.DRAFT)

    results = api.get("/api/v1/replies/").json()["results"]
    assert [r["id"] for r in results] == [str(new.public_id), str(old.public_id)]
    assert results[1]["forwarded_at"] is not None
    assert [r["id"] for r in api.get("/api/v1/replies/?status=forwarded").json()["results"]] == [
        str(old.public_id)
    ]
    since = api.get("/api/v1/replies/", {"since": "2026-05-02T00:00:00Z"}).json()["results"]
    assert [r["id"] for r in since] == [str(new.public_id)]
    assert api.get("/api/v1/replies/?status=draft").status_code == 400
    assert api.get("/api/v1/replies/?colour=blue").status_code == 400


def test_it_pages_the_replies_list_in_few_queries(api, donation, django_assert_max_num_queries):
    for _ in range(3):
        reply(donation)
    page = api.get("/api/v1/replies/?page_size=2").json()
    assert len(page["results"]) == 2 and page["next"]
    for _ in range(20):
        reply(donation)
    with django_assert_max_num_queries(8):
        api.get("/api/v1/replies/?page_size=20")


def test_it_answers_a_new_reply_with_its_status(api, donation):
    response = api.post(
        "/api/v1/replies/",
        {"donation_id": str(donation.public_id), "text": "Dear donor, thank you."},
        format="json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] in ("submitted", "in_review") and body["status_reason"] == ""
    assert api.get(f"/api/v1/replies/{body['id']}/").json()["id"] == body["id"]
