"""The centre's donations over the API: the list, declining and resuming contact, news about the patient."""

import datetime
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from correspondence.models import ContactDecline, DonorNotice, Letter, OfficeEvent, PatientReport
from tests.factories import (
    ConsentFactory,
    DonationFactory,
    ForwardedLetterFactory,
    InfusionFactory,
    LetterFactory,
    PatientFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/donations/"


def detail(donation) -> str:
    return f"/api/v1/donations/{donation.public_id}/"


def post(client, url, data=None, *, key: str | None = None):
    return client.post(url, data or {}, format="json", HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()))


def test_it_lists_the_centres_donations_without_the_donors_identity(api, donation, other_api):
    DonationFactory(patient=PatientFactory(centre=other_api.centre))  # Bob's: never listed for Alice
    response = api.get(LIST)
    assert response.status_code == 200, response.content
    [item] = response.json()["results"]
    assert item["id"] == str(donation.public_id)
    assert item["reference"] == donation.reference
    assert item["patient_reference"] == "ALICE-P-1"
    assert item["transplant_date"] == "2026-03-01"
    assert (item["donor_country"], item["recipient_country"]) == ("DE", "US")
    assert item["contact_declined"] is False and item["patient_reports"] == []
    assert item["now"]["letter_to_donor"]["action"] == "forward"
    assert item["now"]["letter_to_patient"]["action"] == "forward"
    assert item["now"]["direct_contact"]["possible_now"] is False
    body = response.content.decode()
    donor = donation.donor
    for identity in (
        donor.donor_number,
        donor.given_names,
        donor.family_name,
        donor.email,
        donor.city,
        donor.phone,
    ):
        assert identity not in body


def test_it_says_what_the_rules_allow_now(api, donation):
    donation.first_transplant_date = timezone.localdate() + datetime.timedelta(days=20)
    donation.save()
    [item] = api.get(LIST).json()["results"]
    assert item["now"]["letter_to_donor"]["action"] == "hold"
    assert item["now"]["letter_to_donor"]["hold_until"] == donation.first_transplant_date.isoformat()


def test_it_filters_by_the_centres_patient_reference(api, donation):
    DonationFactory(patient=PatientFactory(centre=api.centre, reference="ALICE-P-2"))
    results = api.get(LIST, {"patient": "ALICE-P-1"}).json()["results"]
    assert [r["id"] for r in results] == [str(donation.public_id)]
    assert api.get(LIST, {"patient": "BOB-P-1"}).json()["results"] == []
    assert api.get(LIST, {"donor": "x"}).status_code == 400


def test_it_reads_a_page_in_a_fixed_number_of_queries(api):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(LIST).status_code == 200
        return len(queries)

    count()  # the key's row is cached from here on
    patient = PatientFactory(centre=api.centre)
    for _ in range(2):
        donation = DonationFactory(patient=patient)
        ConsentFactory(donation=donation)
        InfusionFactory(donation=donation)
    few = count()
    for _ in range(8):
        donation = DonationFactory(patient=PatientFactory(centre=api.centre))
        ForwardedLetterFactory(donation=donation)
        InfusionFactory(donation=donation)
    assert count() == few


def test_it_shows_one_donation_and_hides_other_centres(api, other_api, donation):
    assert api.get(detail(donation)).json()["id"] == str(donation.public_id)
    response = other_api.get(detail(donation))
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert api.get(f"/api/v1/donations/{uuid.uuid4()}/").status_code == 404


def test_it_records_a_decline_tells_the_donor_kindly_and_stops_letters(
    api, donation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, f"{detail(donation)}decline-contact")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["contact_declined"] is True and body["contact_declined_at"]
    assert body["now"]["letter_to_patient"]["action"] == "refuse"
    assert body["now"]["letter_to_donor"]["action"] == "refuse"
    assert ContactDecline.objects.get(donation=donation).declined_via == "clinic API"
    [notice] = DonorNotice.objects.filter(donor=donation.donor)
    assert notice.kind == DonorNotice.Kind.CONTACT_DECLINED
    [message] = mail.outbox
    assert message.to == [donation.donor.email]
    assert "decline" not in message.body.lower() and "/messages/" in message.body
    event = OfficeEvent.objects.get(kind=OfficeEvent.Kind.CONTACT_DECLINED)
    assert event.donation == donation and event.data["centre"] == "US-ALICE"

    # The patient's letters are refused at once (409); so are health updates.
    reply = post(
        api, "/api/v1/replies/", {"donation_id": str(donation.public_id), "text": "Dear donor, thanks."}
    )
    assert reply.status_code == 409 and reply.json()["code"] == "contact_declined"
    update = post(
        api, "/api/v1/health-updates/", {"donation_id": str(donation.public_id), "health_status": "stable"}
    )
    assert update.status_code == 409
    assert not Letter.objects.filter(direction=Letter.Direction.PATIENT_TO_DONOR).exists()


def test_it_declines_only_once_and_resumes_when_the_patient_changes_their_mind(
    api, donation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(api, f"{detail(donation)}decline-contact")
        again = post(api, f"{detail(donation)}decline-contact")
        assert again.status_code == 200 and ContactDecline.objects.count() == 1
        resumed = post(api, f"{detail(donation)}resume-contact")
        assert resumed.status_code == 200 and resumed.json()["contact_declined"] is False
        assert post(api, f"{detail(donation)}resume-contact").status_code == 200
    decline = ContactDecline.objects.get()
    assert decline.lifted_at is not None and decline.lifted_via == "clinic API"
    kinds = list(DonorNotice.objects.order_by("created_at", "pk").values_list("kind", flat=True))
    assert kinds == [DonorNotice.Kind.CONTACT_DECLINED, DonorNotice.Kind.CONTACT_RESUMED]
    assert len(mail.outbox) == 2
    reply = post(
        api, "/api/v1/replies/", {"donation_id": str(donation.public_id), "text": "Dear donor, thanks."}
    )
    assert reply.status_code == 201


def test_it_replays_a_decline_under_the_same_idempotency_key(api, donation):
    first = post(api, f"{detail(donation)}decline-contact", key="decline-1")
    second = post(api, f"{detail(donation)}decline-contact", key="decline-1")
    assert second.status_code == 200 and second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert api.post(f"{detail(donation)}decline-contact", {}, format="json").status_code == 400


@pytest.mark.parametrize("action", ["decline-contact", "resume-contact", "patient-reports"])
def test_it_refuses_changes_to_other_centres_donations(other_api, donation, action):
    response = post(other_api, f"{detail(donation)}{action}", {"kind": "relapsed"})
    assert response.status_code == 404
    assert not ContactDecline.objects.exists() and not PatientReport.objects.exists()
    assert not DonorNotice.objects.exists()


def test_it_records_news_about_the_patient_without_telling_the_donor(
    api, donation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            api, f"{detail(donation)}patient-reports", {"kind": "deceased", "occurred_on": "2026-09-01"}
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "deceased" and body["state"] == "awaiting_caseworker"
    report = PatientReport.objects.get(public_id=body["id"])
    assert report.occurred_on == datetime.date(2026, 9, 1) and report.reported_via == "clinic API"
    assert mail.outbox == [] and not DonorNotice.objects.exists()
    overview = api.get(detail(donation)).json()
    assert overview["now"]["letter_to_patient"]["action"] == "hold"
    assert "caseworker" in overview["now"]["letter_to_patient"]["hold_condition"]
    assert overview["patient_reports"] == [body]
    # The same news again, while it waits, is the same report.
    again = post(api, f"{detail(donation)}patient-reports", {"kind": "deceased"})
    assert again.status_code == 200 and again.json()["id"] == body["id"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param({}, "kind", id="no-kind"),
        pytest.param({"kind": "cured"}, "kind", id="unknown-kind"),
        pytest.param({"kind": "relapsed", "occurred_on": "2999-01-01"}, "occurred_on", id="future-date"),
    ],
)
def test_it_explains_invalid_patient_reports(api, donation, data, field):
    response = post(api, f"{detail(donation)}patient-reports", data)
    assert response.status_code == 400 and field in response.json()["fields"]
    assert not PatientReport.objects.exists()


def test_it_stores_a_health_update_for_screening(api, donation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = post(
            api,
            "/api/v1/health-updates/",
            {
                "donation_id": str(donation.public_id),
                "health_status": "recovering_well",
                "text": "Home again.",
            },
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["health_status"] == "recovering_well"
    update = Letter.objects.get(public_id=body["id"])
    assert update.kind == Letter.Kind.HEALTH_UPDATE and update.direction == Letter.Direction.PATIENT_TO_DONOR
    assert update.body == "Home again." and len(callbacks) == 1


def test_it_takes_a_health_update_without_words(api, donation):
    response = post(
        api, "/api/v1/health-updates/", {"donation_id": str(donation.public_id), "health_status": "stable"}
    )
    assert response.status_code == 201
    assert Letter.objects.get(public_id=response.json()["id"]).body == ""


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param({"health_status": "fine"}, "health_status", id="unknown-status"),
        pytest.param({}, "health_status", id="no-status"),
        pytest.param({"health_status": "stable", "text": "  "}, "text", id="blank-text"),
        pytest.param({"health_status": "stable", "text": "x" * 2001}, "text", id="too-long"),
    ],
)
def test_it_explains_invalid_health_updates(api, donation, data, field):
    response = post(api, "/api/v1/health-updates/", {"donation_id": str(donation.public_id), **data})
    assert response.status_code == 400 and field in response.json()["fields"]
    assert not Letter.objects.exists()


def test_it_refuses_health_updates_about_other_centres_donations(other_api, donation):
    response = post(
        other_api,
        "/api/v1/health-updates/",
        {"donation_id": str(donation.public_id), "health_status": "stable"},
    )
    assert response.status_code == 404
    assert not Letter.objects.exists()


def test_it_lets_the_patient_write_first(api, donation):
    """A letter from the patient's side without any donor letter before it: stored for screening."""
    assert not Letter.objects.exists()
    response = post(
        api, "/api/v1/replies/", {"donation_id": str(donation.public_id), "text": "Dear donor, hello."}
    )
    assert response.status_code == 201 and response.json()["in_reply_to"] is None


def test_it_does_not_count_health_updates_against_the_patients_letters(api, donation):
    LetterFactory(
        donation=donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        kind=Letter.Kind.HEALTH_UPDATE,
        health_status="stable",
        body="",
        status=Letter.Status.FORWARDED,
        submitted_at=timezone.now(),
    )
    from correspondence.selectors import letters_sent_count

    assert letters_sent_count(donation=donation, direction=Letter.Direction.PATIENT_TO_DONOR) == 0
