"""E-mails to both sides: the donor on receipt, delivery and the patient's consent; the centre on a
returned or refused reply and the donor's consent. None carries letter content or identity; links follow
the request."""

import datetime

import pytest
from django.core import mail
from django.test import RequestFactory, TestCase
from django.utils import timezone

from correspondence.links import RequestOriginMiddleware, absolute_url, site_url
from correspondence.models import Consent, Letter
from correspondence.services import letter_acknowledge, letter_submit
from correspondence.services.consent import consent_record, donor_consent_change
from correspondence.services.review import letter_refuse, letter_return
from tests.correspondence.test_review import caseworker
from tests.factories import (
    ConsentFactory,
    DonationFactory,
    DonorFactory,
    ForwardedLetterFactory,
    LetterFactory,
    PatientFactory,
    TransplantCentreFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Dear friend, my neighbour Ottoline in Kassel sends her love."
CENTRE_MAIL = "letters@centre.example.org"


def donation_with_contacts(**kwargs):
    centre = TransplantCentreFactory(contact_email=CENTRE_MAIL)
    return DonationFactory(
        donor=DonorFactory(given_names="Friedrich", email="friedrich@example.org"),
        patient=PatientFactory(centre=centre, given_names="Rosalind", reference="SEA-PAT-7"),
        **kwargs,
    )


def no_identity_or_content(message, donation) -> None:
    text = f"{message.subject}\n{message.body}"
    for secret in ("Ottoline", "Kassel", "Friedrich", "Langenbach", "Rosalind", "Okafor", "SEA-PAT-7"):
        assert secret not in text
    assert donation.donor.email not in message.body and donation.donor.donor_number not in text


def test_it_tells_the_donor_a_letter_was_received():
    donation = donation_with_contacts()
    with TestCase.captureOnCommitCallbacks(execute=True):
        letter = letter_submit(donor=donation.donor, donation=donation, body=SECRET)
    receipt = mail.outbox[0]
    assert receipt.subject == "We have received your letter" and receipt.to == [donation.donor.email]
    assert f"http://127.0.0.1:8000/letters/{letter.public_id}/" in receipt.body
    no_identity_or_content(receipt, donation)


def test_it_tells_the_donor_when_the_centre_acknowledges_delivery_once():
    donation = donation_with_contacts()
    letter = ForwardedLetterFactory(donation=donation, body=SECRET)
    with TestCase.captureOnCommitCallbacks(execute=True):
        letter_acknowledge(letter=letter, centre=donation.patient.centre)
        letter_acknowledge(letter=letter, centre=donation.patient.centre)
    assert [m.subject for m in mail.outbox] == ["Your letter has reached your recipient's transplant centre"]
    no_identity_or_content(mail.outbox[0], donation)


def test_it_tells_the_donor_when_the_patient_gives_consent_once():
    donation = donation_with_contacts()
    with TestCase.captureOnCommitCallbacks(execute=True):
        consent_record(
            donation=donation,
            side=Consent.Side.PATIENT,
            status=Consent.Status.GIVEN,
            source="clinic API",
            signed_form_reference="F-1",
            signed_on=datetime.date(2026, 4, 1),
        )
        consent_record(
            donation=donation,
            side=Consent.Side.PATIENT,
            status=Consent.Status.GIVEN,
            source="caseworker",
            signed_form_reference="F-2",
            signed_on=datetime.date(2026, 4, 2),
        )
    [message] = mail.outbox
    assert message.subject == "Your recipient has agreed to direct contact"
    assert message.to == [donation.donor.email]
    assert f"/contact/{donation.public_id}/" in message.body
    no_identity_or_content(message, donation)


def test_it_says_nothing_when_consent_is_withdrawn():
    donation = donation_with_contacts()
    ConsentFactory(donation=donation, side=Consent.Side.PATIENT, status=Consent.Status.GIVEN)
    with TestCase.captureOnCommitCallbacks(execute=True):
        consent_record(
            donation=donation, side=Consent.Side.PATIENT, status=Consent.Status.WITHDRAWN, source="caseworker"
        )
    assert mail.outbox == []


def test_it_tells_the_centre_when_the_donor_gives_consent():
    donation = donation_with_contacts(first_transplant_date=datetime.date(2020, 1, 1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        donor_consent_change(
            donor=donation.donor, donation=donation, status=Consent.Status.GIVEN, on=timezone.localdate()
        )
    [message] = mail.outbox
    assert message.to == [CENTRE_MAIL] and message.subject == "A donor has agreed to direct contact"
    assert str(donation.public_id) in message.body
    assert f"/api/v1/donations/{donation.public_id}/contact-status" in message.body
    no_identity_or_content(message, donation)


def reply_in_review(donation) -> Letter:
    return LetterFactory(
        donation=donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        body=SECRET,
        status=Letter.Status.IN_REVIEW,
        submitted_at=timezone.now(),
    )


@pytest.mark.parametrize(
    ("close", "subject"),
    [
        pytest.param(letter_return, "A reply from your centre was returned", id="returned"),
        pytest.param(letter_refuse, "A reply from your centre cannot be sent", id="refused"),
    ],
)
def test_it_tells_the_centre_when_its_reply_is_returned_or_refused(close, subject):
    donation = donation_with_contacts()
    reply = reply_in_review(donation)
    with TestCase.captureOnCommitCallbacks(execute=True):
        close(letter=reply, caseworker=caseworker(), reason="Please leave out Ottoline's name.")
    [message] = mail.outbox
    assert message.to == [CENTRE_MAIL] and message.subject == f"{subject}: {reply.reference}"
    assert str(reply.public_id) in message.body and f"/api/v1/replies/{reply.public_id}/" in message.body
    assert "leave out" not in message.body  # the reason is read over the API, not e-mailed
    no_identity_or_content(message, donation)


def test_it_skips_a_centre_without_a_contact_address(caplog):
    donation = DonationFactory()
    assert donation.patient.centre.contact_email == ""
    with TestCase.captureOnCommitCallbacks(execute=True):
        letter_return(letter=reply_in_review(donation), caseworker=caseworker(), reason="Please change it.")
    assert mail.outbox == []
    assert "has no contact e-mail" in caplog.text


def test_it_builds_links_from_the_request_else_from_site_url(settings):
    settings.SITE_URL = "https://letters.example.org/"
    assert site_url() == "https://letters.example.org"
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8123")
    assert absolute_url("/letters/", request=request) == "http://127.0.0.1:8123/letters/"

    seen = []
    middleware = RequestOriginMiddleware(lambda r: seen.append(absolute_url("/replies/")) or "response")
    assert middleware(request) == "response"
    assert seen == ["http://127.0.0.1:8123/replies/"]
    assert site_url() == "https://letters.example.org"  # only for the length of the request


def test_it_takes_the_default_site_url_from_port(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.setenv("PORT", "8123")
    monkeypatch.delenv("SITE_URL", raising=False)
    try:
        assert importlib.reload(config.settings).SITE_URL == "http://127.0.0.1:8123"
    finally:
        monkeypatch.delenv("PORT")
        importlib.reload(config.settings)


def test_it_links_a_donors_email_to_the_port_they_were_served_on(client, settings):
    """Under `make run PORT=8123` the receipt links back to port 8123, whatever SITE_URL says."""
    settings.SITE_URL = "http://127.0.0.1:8000"
    donation = donation_with_contacts()
    client.force_login(donation.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            "/letters/new/",
            {"donation": donation.pk, "body": "Dear recipient, I think of you.", "action": "submit"},
            HTTP_HOST="127.0.0.1:8123",
        )
    [receipt] = [m for m in mail.outbox if m.subject == "We have received your letter"]
    assert "http://127.0.0.1:8123/letters/" in receipt.body and ":8000" not in receipt.body
