"""Pages of the letters list are served from the cache until one of the centre's letters changes."""

import datetime
import uuid

import pytest

from clinics.models import Patient
from correspondence.models import Letter, LetterEvent
from correspondence.services.delivery import letter_acknowledge
from correspondence.services.policy import letter_dispatch
from tests.factories import ForwardedLetterFactory, LetterFactory, RedactedVersionFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/letters/"


def reads(letter: Letter) -> int:
    return LetterEvent.objects.filter(letter=letter, kind="api_read", data__via="list").count()


def test_a_cached_page_is_the_same_page_and_every_read_is_audited(api, letter, django_assert_num_queries):
    first = api.get(LIST)
    with django_assert_num_queries(1):  # the audit rows only: no letter is read again
        second = api.get(LIST)
    assert second.status_code == 200
    assert second.content == first.content
    assert reads(letter) == 2


def test_the_next_pages_links_are_cached_with_their_page(api, donation):
    for _ in range(3):
        ForwardedLetterFactory(donation=donation)
    first = api.get(LIST, {"page_size": 2}).json()
    again = api.get(LIST, {"page_size": 2}).json()
    assert again == first and first["next"]
    second = api.get(first["next"]).json()
    assert [item["id"] for item in second["results"]] not in ([], [i["id"] for i in first["results"]])


def test_an_acknowledged_letter_shows_as_delivered_at_once(api, letter):
    assert api.get(LIST).json()["results"][0]["status"] == "forwarded"
    response = api.post(
        f"/api/v1/letters/{letter.public_id}/acknowledge", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())
    )
    assert response.status_code == 200
    assert api.get(LIST).json()["results"][0]["status"] == "delivered"


def test_a_letter_delivered_by_the_service_shows_at_once(api, letter):
    api.get(LIST)
    letter_acknowledge(letter=letter, centre=api.centre)
    assert api.get(LIST).json()["results"][0]["status"] == "delivered"


def test_a_newly_forwarded_letter_appears_at_once(api, donation, letter):
    assert len(api.get(LIST).json()["results"]) == 1
    approved = LetterFactory(
        donation=donation, status=Letter.Status.APPROVED, submitted_at=letter.submitted_at
    )
    RedactedVersionFactory(letter=approved)
    assert len(api.get(LIST).json()["results"]) == 1  # approved, not yet sent
    forwarded = letter_dispatch(letter=approved, actor=None, on=datetime.date(2026, 6, 1))
    assert forwarded.status == Letter.Status.FORWARDED
    assert len(api.get(LIST).json()["results"]) == 2


def test_an_update_of_letters_pays_no_query_for_the_cache(letter, django_assert_num_queries):
    """The page cache listens to the services that change what centres see, not to the queryset: a
    bulk update (a claim, a release) is one UPDATE, with no SELECT of the letters' centres first."""
    with django_assert_num_queries(1):
        Letter.objects.filter(pk=letter.pk).update(language="fr")


def test_a_patients_new_reference_shows_at_once(api, letter):
    api.get(LIST)
    Patient.objects.filter(pk=letter.donation.patient_id).update(reference="ALICE-P-9")  # no signal
    patient = Patient.objects.get(pk=letter.donation.patient_id)
    patient.save()
    assert api.get(LIST).json()["results"][0]["patient_reference"] == "ALICE-P-9"


def test_a_centre_never_gets_another_centres_cached_page(api, other_api, letter, others_letter):
    mine = api.get(LIST).json()["results"]
    theirs = other_api.get(LIST).json()["results"]
    assert [item["id"] for item in mine] == [str(letter.public_id)]
    assert [item["id"] for item in theirs] == [str(others_letter.public_id)]


def test_a_change_to_one_centres_letters_keeps_the_other_centres_pages(
    api, other_api, letter, others_letter, django_assert_num_queries
):
    other_api.get(LIST)
    letter_acknowledge(letter=letter, centre=api.centre)
    with django_assert_num_queries(1):  # the audit rows only
        other_api.get(LIST)


def test_the_page_cache_can_be_turned_off(api, letter, settings, django_assert_num_queries):
    settings.CLINIC_API_PAGE_CACHE_SECONDS = 0
    api.get(LIST)
    with django_assert_num_queries(2):  # the page, then the audit rows
        assert api.get(LIST).json()["results"][0]["id"] == str(letter.public_id)
