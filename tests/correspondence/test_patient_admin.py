"""Caseworkers record and decide the patient's side in the admin: news about the patient, declined contact."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse

from correspondence.models import ContactDecline, DonorNotice, Letter, PatientReport
from correspondence.roles import CASEWORKERS
from correspondence.services.patient import CLINIC_API, contact_decline, patient_report_record
from tests.factories import DonationFactory, LetterFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def casey() -> Client:
    user = UserFactory(username="casey", is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    client = Client()
    client.force_login(user)
    return client


def test_it_records_news_from_a_phone_call_and_lists_what_waits(casey):
    donation = DonationFactory()
    held = LetterFactory(donation=donation, status=Letter.Status.HELD, submitted_at="2026-05-01T10:00:00Z")
    response = casey.post(
        reverse("admin:correspondence_patientreport_add"),
        {"donation": donation.pk, "kind": "relapsed", "occurred_on": "2026-05-10"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    report = PatientReport.objects.get()
    assert report.reported_via == "caseworker" and report.reported_by.username == "casey"
    assert mail.outbox == []
    listing = casey.get(reverse("admin:correspondence_patientreport_changelist"), follow=True)
    listing = listing.content.decode()
    assert donation.reference in listing and "waiting for a caseworker" in listing
    page = casey.get(reverse("admin:correspondence_patientreport_change", args=[report.pk])).content.decode()
    assert reverse("admin:correspondence_letter_review", kwargs={"public_id": held.public_id}) in page


def test_it_lets_a_caseworker_decide_and_write_to_the_donor(casey):
    donation = DonationFactory()
    report, _ = patient_report_record(donation=donation, kind="deceased", occurred_on=None, via=CLINIC_API)
    url = reverse("admin:correspondence_patientreport_change", args=[report.pk])
    refused = casey.post(url, {"outcome": "stop", "donor_message": "", "donor_emailed": "on"})
    assert refused.status_code == 200 and "Write the message the donor will read" in refused.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = casey.post(
            url,
            {"outcome": "stop", "donor_message": "We would like to speak with you.", "donor_emailed": "on"},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.outcome == "stop" and report.decided_by.username == "casey" and report.donor_emailed
    assert DonorNotice.objects.get().text == "We would like to speak with you."
    [sent] = mail.outbox
    assert "speak with you" not in sent.body
    # Decided: read-only.
    assert casey.post(url, {"outcome": "resume"}).status_code == 403


def test_it_records_a_decline_and_lifts_it(casey):
    donation = DonationFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = casey.post(reverse("admin:correspondence_contactdecline_add"), {"donation": donation.pk})
    assert response.status_code == 302
    decline = ContactDecline.objects.get()
    assert decline.declined_via == "caseworker" and decline.is_open
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = casey.post(
            reverse("admin:correspondence_contactdecline_changelist") + "?open=yes",
            {"action": "lift", "_selected_action": [decline.pk]},
        )
    assert response.status_code == 302
    decline.refresh_from_db()
    assert not decline.is_open and decline.lifted_by.username == "casey"
    assert len(mail.outbox) == 2


def test_it_keeps_the_patient_side_from_people_who_are_not_caseworkers():
    client = Client()
    client.force_login(UserFactory(username="visitor", is_staff=True))
    contact_decline(donation=DonationFactory(), via=CLINIC_API)
    for name in ("patientreport", "contactdecline", "donorquestion", "officeevent"):
        assert client.get(reverse(f"admin:correspondence_{name}_changelist")).status_code == 403
