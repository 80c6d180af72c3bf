"""The patient's side: declined contact, news about the patient, health updates, first letters."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from correspondence.models import ContactDecline, DonorNotice, Letter, OfficeEvent, PatientReport
from correspondence.roles import CASEWORKERS
from correspondence.selectors import (
    PatientStanding,
    decision_with_standing,
    direct_contact_status,
    donations_writable_for_donor,
    patient_standing,
)
from correspondence.services import review
from correspondence.services.patient import (
    CASEWORKER,
    CLINIC_API,
    contact_decline,
    contact_resume,
    health_update_submit,
    patient_report_decide,
    patient_report_record,
)
from correspondence.services.policy import letter_release
from correspondence.services.replies import reply_submit
from policies.explain import explain_all, hold_condition
from policies.rules import Code, Decision, reason
from tests.factories import (
    ConsentFactory,
    DonationFactory,
    LetterFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FORWARD = Decision(
    "forward", (reason(Code.ANONYMOUS_LETTERS_ALLOWED, rules=(("DE", "", True), ("US", "", True))),)
)
HOLD_DATE = Decision(
    "hold",
    (reason(Code.BEFORE_TRANSPLANT, transplant=datetime.date(2027, 1, 1)),),
    hold_until=datetime.date(2027, 1, 1),
)
REFUSE = Decision("refuse", (reason(Code.NO_ANONYMOUS_LETTERS, country="JP", source="", verified=True),))


@pytest.mark.parametrize(
    ("decision", "standing", "action", "condition"),
    [
        pytest.param(FORWARD, PatientStanding(), "forward", None, id="nothing-said-changes-nothing"),
        pytest.param(FORWARD, PatientStanding(declined=True), "refuse", None, id="declined-refuses"),
        pytest.param(HOLD_DATE, PatientStanding(declined=True), "refuse", None, id="declined-refuses-a-hold"),
        pytest.param(FORWARD, PatientStanding(stopped=True), "refuse", None, id="stopped-refuses"),
        pytest.param(
            FORWARD,
            PatientStanding(awaiting=("deceased",)),
            "hold",
            "caseworker",
            id="news-holds-for-a-caseworker",
        ),
        pytest.param(
            HOLD_DATE,
            PatientStanding(awaiting=("relapsed",)),
            "hold",
            "caseworker",
            id="news-holds-a-dated-hold",
        ),
        pytest.param(
            REFUSE, PatientStanding(awaiting=("relapsed",)), "refuse", None, id="a-refusal-stays-refused"
        ),
    ],
)
def test_decision_with_standing(decision, standing, action, condition):
    changed = decision_with_standing(decision, standing)
    assert changed.action == action
    condition_text = hold_condition(changed)
    assert (condition in (condition_text or "")) if condition else condition_text is None
    assert set(decision.reasons) <= set(changed.reasons) or action == "refuse"
    if action == "hold":
        assert changed.hold_until is None  # held until a caseworker decides, whatever the date


def caseworker(name: str = "casey"):
    user = UserFactory(username=name, is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    return user


def in_review(donation, *, direction=Letter.Direction.DONOR_TO_PATIENT, **kwargs) -> Letter:
    return LetterFactory(
        donation=donation,
        direction=direction,
        status=Letter.Status.IN_REVIEW,
        submitted_at=timezone.now(),
        **kwargs,
    )


def approve(letter: Letter, user=None) -> Letter:
    user = user or caseworker()
    for flag in letter.flags.all():
        review.flag_decide(flag=flag, caseworker=user, decision="accepted")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return review.letter_approve(letter=letter, caseworker=user)


def test_it_refuses_a_donors_letter_kindly_once_the_patient_declined_and_sends_no_status_email():
    donation = DonationFactory()
    letter = in_review(donation)
    with TestCase.captureOnCommitCallbacks(execute=True):
        contact_decline(donation=donation, via=CLINIC_API)
    assert len(mail.outbox) == 1  # the notice, once
    letter = approve(letter)
    assert letter.status == Letter.Status.REFUSED
    assert "would rather not receive letters for now" in letter.status_reason
    assert "says nothing about you" in letter.status_reason
    assert len(mail.outbox) == 1


def test_it_refuses_held_letters_at_once_when_the_patient_declines():
    donation = DonationFactory(first_transplant_date=timezone.localdate() + datetime.timedelta(days=30))
    letter = approve(in_review(donation))
    assert letter.status == Letter.Status.HELD
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        contact_decline(donation=donation, via=CLINIC_API)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED
    assert OfficeEvent.objects.get(kind="contact_declined").data["letters_refused"] == 1
    assert len(mail.outbox) == 1 and "/messages/" in mail.outbox[0].body


def test_it_refuses_the_patients_letters_while_declined_and_takes_them_once_lifted():
    donation = DonationFactory()
    centre = donation.patient.centre
    contact_decline(donation=donation, via=CLINIC_API, centre=centre)
    with pytest.raises(Exception, match="declined contact"):
        reply_submit(centre=centre, donation=donation, body="Dear donor, thank you.")
    assert contact_resume(donation=donation, via=CLINIC_API, centre=centre) is True
    assert contact_resume(donation=donation, via=CLINIC_API, centre=centre) is False
    reply = reply_submit(centre=centre, donation=donation, body="Dear donor, thank you.")
    assert reply.status in (Letter.Status.SUBMITTED, Letter.Status.IN_REVIEW)


def test_it_refuses_a_patients_letter_under_review_once_they_decline():
    donation = DonationFactory()
    reply = in_review(donation, direction=Letter.Direction.PATIENT_TO_DONOR, body="Dear donor, thank you.")
    contact_decline(donation=donation, via=CLINIC_API)
    assert approve(reply).status == Letter.Status.REFUSED


def test_it_keeps_declined_donations_out_of_the_letter_form_but_keeps_a_drafts_own():
    donation = DonationFactory()
    other = DonationFactory(donor=donation.donor)
    contact_decline(donation=donation, via=CLINIC_API)
    assert list(donations_writable_for_donor(donor=donation.donor)) == [other]
    kept = donations_writable_for_donor(donor=donation.donor, keep_id=donation.pk)
    assert set(kept) == {donation, other}
    contact_resume(donation=donation, via=CLINIC_API)
    assert set(donations_writable_for_donor(donor=donation.donor)) == {donation, other}


def test_it_makes_direct_contact_impossible_while_declined():
    donation = DonationFactory(first_transplant_date=datetime.date(2020, 1, 1))
    ConsentFactory(donation=donation, side="patient")
    ConsentFactory(donation=donation, side="donor")
    today = timezone.localdate()
    assert direct_contact_status(donation=donation, on=today).possible_now is True
    contact_decline(donation=donation, via=CLINIC_API)
    status = direct_contact_status(donation=donation, on=today)
    assert status.possible_now is False and any("declined" in m for m in explain_all(status.missing))


def test_it_holds_letters_for_a_caseworker_after_news_without_telling_the_donor():
    donation = DonationFactory()
    _, created = patient_report_record(
        donation=donation, kind=PatientReport.Kind.DECEASED, occurred_on=None, via=CLINIC_API
    )
    assert created is True and patient_standing(donation=donation).awaiting == ("deceased",)
    letter = approve(in_review(donation))
    assert letter.status == Letter.Status.HELD
    assert "caseworker" in letter.hold_condition
    assert "member of our staff" in letter.status_reason and "died" not in letter.status_reason
    assert mail.outbox == []  # no automatic e-mail: the caseworker decides what the donor is told
    assert letter_release(letter_id=letter.pk, on=timezone.localdate()).status == Letter.Status.HELD


def test_it_releases_held_letters_when_the_caseworker_lets_letters_travel_again():
    donation = DonationFactory()
    report, _ = patient_report_record(
        donation=donation, kind=PatientReport.Kind.RELAPSED, occurred_on=None, via=CASEWORKER
    )
    letter = approve(in_review(donation))
    assert letter.status == Letter.Status.HELD
    with TestCase.captureOnCommitCallbacks(execute=True):
        patient_report_decide(
            report=report, caseworker=caseworker("robin"), outcome=PatientReport.Outcome.RESUME
        )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED
    assert not DonorNotice.objects.exists()  # no message written: nothing on the donor's pages
    [sent] = mail.outbox
    assert "on its way" in sent.subject  # the letter's own, ordinary e-mail
    event = OfficeEvent.objects.get(kind="patient_report_decided")
    assert (
        event.data["outcome"] == "resume" and event.data["letters"] == 1 and event.data["donor_told"] is False
    )


def test_it_stops_letters_and_tells_the_donor_what_the_caseworker_wrote():
    donation = DonationFactory()
    report, _ = patient_report_record(
        donation=donation, kind=PatientReport.Kind.DECEASED, occurred_on=None, via=CLINIC_API
    )
    letter = approve(in_review(donation))
    with TestCase.captureOnCommitCallbacks(execute=True):
        patient_report_decide(
            report=report,
            caseworker=caseworker("robin"),
            outcome=PatientReport.Outcome.STOP,
            donor_message="We have sad news, and would like to call you. Please tell us when suits you.",
            email_donor=True,
        )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED and "no longer be passed on" in letter.status_reason
    [notice] = DonorNotice.objects.all()
    assert notice.kind == DonorNotice.Kind.OFFICE_MESSAGE and notice.text.startswith("We have sad news")
    [sent] = mail.outbox
    assert "sad news" not in sent.body and "/messages/" in sent.body
    assert donations_writable_for_donor(donor=donation.donor).count() == 0
    with pytest.raises(Exception, match="already decided"):
        patient_report_decide(
            report=report, caseworker=caseworker("sam"), outcome=PatientReport.Outcome.RESUME
        )


def test_it_needs_a_message_to_email_the_donor():
    donation = DonationFactory()
    report, _ = patient_report_record(
        donation=donation, kind=PatientReport.Kind.RELAPSED, occurred_on=None, via=CLINIC_API
    )
    with pytest.raises(Exception, match="Write the message"):
        patient_report_decide(report=report, caseworker=caseworker(), outcome="resume", email_donor=True)
    report.refresh_from_db()
    assert report.is_open


def test_it_refuses_news_dated_in_the_future():
    with pytest.raises(Exception, match="future"):
        patient_report_record(
            donation=DonationFactory(),
            kind=PatientReport.Kind.RELAPSED,
            occurred_on=timezone.localdate() + datetime.timedelta(days=1),
            via=CLINIC_API,
        )


def test_it_takes_a_health_update_through_review_to_the_donors_pages(client):
    donation = DonationFactory()
    centre = donation.patient.centre
    with TestCase.captureOnCommitCallbacks(execute=True):
        update = health_update_submit(
            centre=centre,
            donation=donation,
            health_status="recovering_well",
            text="Rosalind is home in Spokane.",
        )
    update.refresh_from_db()
    assert update.status == Letter.Status.IN_REVIEW
    flagged = {update.body[f.start : f.end] for f in update.flags.all()}
    assert {"Rosalind", "Spokane"} <= flagged
    update = approve(update)
    assert update.status == Letter.Status.FORWARDED
    assert "Rosalind" not in update.redacted.text
    [sent] = mail.outbox
    assert sent.subject == "News about your recipient is waiting for you" and "home" not in sent.body

    client.force_login(donation.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    listing = client.get(reverse("correspondence:reply_list")).content.decode()
    assert "Health update: Recovering well" in listing
    page = client.get(reverse("correspondence:reply_detail", args=[update.public_id])).content.decode()
    assert "News about your recipient" in page and "Recovering well" in page
    assert "Rosalind" not in page and "[name]" in page


def test_it_follows_the_country_rules_for_health_updates():
    donation = DonationFactory(first_transplant_date=timezone.localdate() + datetime.timedelta(days=10))
    with TestCase.captureOnCommitCallbacks(execute=True):
        update = health_update_submit(
            centre=donation.patient.centre, donation=donation, health_status="stable"
        )
    assert approve(Letter.objects.get(pk=update.pk)).status == Letter.Status.HELD


def test_it_forwards_a_patients_first_letter_and_calls_it_a_letter():
    donation = DonationFactory()
    assert not Letter.objects.filter(donation=donation).exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        letter = reply_submit(
            centre=donation.patient.centre, donation=donation, body="Dear donor, I wanted to write first."
        )
    letter = approve(Letter.objects.get(pk=letter.pk))
    assert letter.status == Letter.Status.FORWARDED
    [sent] = mail.outbox
    assert sent.subject == "A letter from your recipient is waiting for you"


def test_it_refuses_a_first_letter_the_rules_forbid():
    from policies.models import CountryRule

    CountryRule.objects.filter(country="US").update(anonymous_letters=False)
    donation = DonationFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        letter = reply_submit(centre=donation.patient.centre, donation=donation, body="Dear donor, hello.")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED


def test_it_reports_the_decline_in_the_donors_messages(client):
    donation = DonationFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        contact_decline(donation=donation, via=CLINIC_API)
    client.force_login(donation.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    page = client.get(reverse("correspondence:letter_create")).content.decode()
    assert "For now, no letters can be passed on to your recipient." in page
    messages_page = client.get(reverse("correspondence:messages")).content.decode()
    assert "would rather not receive letters for now" in messages_page
    assert ContactDecline.objects.get().is_open


@pytest.mark.parametrize("kind", [PatientReport.Kind.DECEASED, PatientReport.Kind.RELAPSED])
def test_it_tells_the_writer_checking_a_letter_nothing_of_news_about_the_patient(donor_client, kind):
    """'Check my letter' says a caseworker reads the letter first, never that the centre reported news."""
    donation = donor_client.donation
    patient_report_record(donation=donation, kind=kind, occurred_on=None, via=CLINIC_API)
    response = donor_client.post(
        reverse("correspondence:letter_check"), {"donation": donation.pk, "body": "Dear recipient, hello."}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "member of our staff" in page
    assert "news" not in page.lower() and "centre reported" not in page


def test_it_tells_the_writer_nothing_of_news_when_letters_were_stopped():
    donation = DonationFactory()
    report, _ = patient_report_record(
        donation=donation, kind=PatientReport.Kind.DECEASED, occurred_on=None, via=CASEWORKER
    )
    patient_report_decide(report=report, outcome=PatientReport.Outcome.STOP, caseworker=UserFactory())
    status = direct_contact_status(donation=donation, on=timezone.localdate())
    from correspondence.words import reasons_for_writer

    assert "news" not in reasons_for_writer(status.reasons).lower()
