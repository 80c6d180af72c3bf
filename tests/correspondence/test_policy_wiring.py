"""The country rules in a letter's life: at screening, at approval (dispatch), and for held letters."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clinics.models import TransplantCentre
from correspondence.models import Letter, LetterEvent
from correspondence.services import letter_screen, letter_submit
from correspondence.services.policy import (
    letter_dispatch,
    letter_policy_apply,
    letters_release_held,
)
from correspondence.tasks import letters_release_held_task
from donors.models import Donation
from policies.explain import explain_all
from tests.factories import (
    DonationFactory,
    LetterFactory,
    PatientFactory,
    RedactedVersionFactory,
    TransplantCentreFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
BODY = "Dear recipient,\n\nI hope you are feeling stronger every day.\n\nYour donor"


def donation_to(country: str, **kwargs) -> Donation:
    """A donation from a German donor to a patient treated in `country`."""
    return DonationFactory(patient=PatientFactory(centre=TransplantCentreFactory(country=country)), **kwargs)


def screened(donation: Donation, capture) -> Letter:
    with capture(execute=True):
        letter = letter_submit(donor=donation.donor, donation=donation, body=BODY)
        letter_screen(letter_id=letter.pk)
    letter.refresh_from_db()
    return letter


def approved(donation: Donation) -> Letter:
    """A letter a caseworker has just approved, its redacted version saved."""
    letter = LetterFactory(donation=donation, status=Letter.Status.APPROVED, submitted_at=timezone.now())
    RedactedVersionFactory(letter=letter, text=letter.body)
    return letter


def kinds(letter: Letter) -> list[str]:
    return list(letter.events.values_list("kind", flat=True))


# Screening


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_cord_blood_letter_at_screening_and_tells_the_writer_why(
    django_capture_on_commit_callbacks,
):
    """A refusal is final at screening: the writer sees the reason in plain words and gets an e-mail."""
    donation = donation_to("US", product=Donation.Product.CORD)

    letter = screened(donation, django_capture_on_commit_callbacks)

    assert letter.status == Letter.Status.REFUSED
    assert letter.policy_action == "refuse"
    assert "cord blood" in letter.status_reason
    assert "(rule" not in letter.status_reason and "source:" not in letter.status_reason
    assert kinds(letter)[-3:] == ["screened", "policy_decided", "refused"]
    decided = letter.events.get(kind=LetterEvent.Kind.POLICY_DECIDED)
    assert decided.data["stage"] == "screening" and decided.data["action"] == "refuse"
    assert BODY not in str(decided.data)
    assert [m.subject for m in mail.outbox] == ["We have received your letter", "Your letter cannot be sent"]
    assert not any("stronger" in m.body for m in mail.outbox)


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_second_letter_to_the_netherlands_at_screening(django_capture_on_commit_callbacks):
    """NL allows one letter each way: once one was forwarded, the next is refused at screening."""
    donation = donation_to("NL")
    LetterFactory(donation=donation, status=Letter.Status.FORWARDED, submitted_at=timezone.now())

    letter = screened(donation, django_capture_on_commit_callbacks)

    assert letter.status == Letter.Status.REFUSED
    assert "Netherlands allows at most 1 each way" in letter.status_reason
    assert "unverified" not in letter.status_reason  # staff notes stay with staff


@time_machine.travel(TODAY, tick=False)
def test_it_only_notes_a_hold_at_screening(django_capture_on_commit_callbacks):
    """A cryopreserved product not yet requested holds the letter, but it still goes to review first."""
    donation = donation_to("US", product=Donation.Product.CRYOPRESERVED, requested_date=None)

    letter = screened(donation, django_capture_on_commit_callbacks)

    assert letter.status == Letter.Status.IN_REVIEW
    assert letter.policy_action == "hold"
    assert letter.hold_condition == "the cryopreserved product is requested for this patient"
    assert letter.policy_reasons
    assert [m.subject for m in mail.outbox] == ["We have received your letter"]  # nothing about the hold


@time_machine.travel(TODAY, tick=False)
def test_it_notes_the_date_a_letter_before_the_transplant_is_held_until(django_capture_on_commit_callbacks):
    donation = donation_to("US", first_transplant_date=datetime.date(2026, 12, 15))

    letter = screened(donation, django_capture_on_commit_callbacks)

    assert letter.status == Letter.Status.IN_REVIEW
    assert (letter.policy_action, letter.hold_until) == ("hold", datetime.date(2026, 12, 15))


@time_machine.travel(TODAY, tick=False)
def test_it_stores_the_decision_with_current_consents():
    """letter_policy_apply stores action and reasons on the letter and audits them without letter text."""
    letter = LetterFactory(
        donation=donation_to("US"), status=Letter.Status.IN_REVIEW, submitted_at=timezone.now()
    )

    decision = letter_policy_apply(letter=letter, on=TODAY)

    letter.refresh_from_db()
    assert decision.action == "forward" and letter.policy_action == "forward"
    reasons = list(explain_all(decision.reasons))
    assert letter.policy_reasons == reasons and reasons[0].startswith("Forward anonymously after review")
    event = letter.events.get()
    assert event.kind == "policy_decided" and event.data["reasons"] == reasons


# Dispatch at approval


@time_machine.travel(TODAY, tick=False)
def test_it_forwards_an_approved_letter_when_the_rules_allow(django_capture_on_commit_callbacks):
    letter = approved(donation_to("US"))
    actor = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_dispatch(letter=letter, actor=actor, on=TODAY)

    assert letter.status == Letter.Status.FORWARDED and letter.forwarded_at is not None
    assert Letter.objects.get(pk=letter.pk).status == Letter.Status.FORWARDED
    assert kinds(letter) == ["policy_decided", "forwarded"]
    assert letter.events.get(kind="forwarded").actor == actor
    assert [m.subject for m in mail.outbox] == ["Your letter is on its way"]


@time_machine.travel(TODAY, tick=False)
def test_it_holds_an_approved_letter_until_the_transplant(django_capture_on_commit_callbacks):
    letter = approved(donation_to("US", first_transplant_date=datetime.date(2026, 12, 15)))

    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_dispatch(letter=letter, actor=UserFactory(), on=TODAY)

    letter.refresh_from_db()
    assert letter.status == Letter.Status.HELD
    assert letter.hold_until == datetime.date(2026, 12, 15) and letter.forwarded_at is None
    assert "15 December 2026" in letter.status_reason
    assert kinds(letter) == ["policy_decided", "held"]
    assert letter.events.get(kind="held").data["hold_until"] == "2026-12-15"
    assert [m.subject for m in mail.outbox] == ["Your letter is waiting to travel"]


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_an_approved_letter_the_centre_does_not_allow(django_capture_on_commit_callbacks):
    """A centre that allows no anonymous correspondence: refused, and its code never reaches the writer."""
    centre = TransplantCentreFactory(country="US", code="US-SECRET9", allows_anonymous_correspondence=False)
    letter = approved(DonationFactory(patient=PatientFactory(centre=centre)))

    with django_capture_on_commit_callbacks(execute=True):
        letter = letter_dispatch(letter=letter, actor=UserFactory(), on=TODAY)

    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED
    assert "The recipient's transplant centre allows no anonymous correspondence." in letter.status_reason
    assert "US-SECRET9" not in letter.status_reason
    assert [m.subject for m in mail.outbox] == ["Your letter cannot be sent"]


@time_machine.travel(TODAY, tick=False)
def test_it_dispatches_a_letter_only_once(django_capture_on_commit_callbacks):
    """A second dispatch finds the letter no longer approved and changes nothing."""
    letter = approved(donation_to("US"))

    with django_capture_on_commit_callbacks(execute=True):
        letter_dispatch(letter=letter, actor=None, on=TODAY)
        again = letter_dispatch(letter=letter, actor=None, on=TODAY)

    assert again.status == Letter.Status.FORWARDED
    assert kinds(letter) == ["policy_decided", "forwarded"]
    assert len(mail.outbox) == 1


def test_it_leaves_a_letter_that_is_not_approved_alone():
    letter = LetterFactory(status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())

    assert letter_dispatch(letter=letter, actor=None, on=TODAY).status == Letter.Status.IN_REVIEW
    assert kinds(letter) == []


# Release of held letters


def held(donation: Donation, *, on: datetime.date = TODAY) -> Letter:
    letter = letter_dispatch(letter=approved(donation), actor=None, on=on)
    assert letter.status == Letter.Status.HELD
    return letter


def test_it_releases_a_held_letter_when_its_date_comes(django_capture_on_commit_callbacks):
    letter = held(donation_to("US", first_transplant_date=datetime.date(2026, 12, 15)))
    before = kinds(letter)

    assert letters_release_held(on=datetime.date(2026, 12, 14)) == 0
    assert kinds(letter) == before  # an unchanged hold writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert letters_release_held(on=datetime.date(2026, 12, 15)) == 1

    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED and letter.status_reason == ""
    assert kinds(letter)[len(before) :] == ["policy_decided", "forwarded"]
    assert letter.events.filter(kind="policy_decided").last().data["stage"] == "release"
    assert [m.subject for m in mail.outbox] == ["Your letter is on its way"]


def test_it_releases_a_held_letter_when_its_condition_is_met():
    """A cryopreserved product marked as requested releases the letter at the next sweep."""
    donation = donation_to("US", product=Donation.Product.CRYOPRESERVED, requested_date=None)
    letter = held(donation)
    assert letter.hold_until is None and letter.hold_condition

    assert letters_release_held(on=TODAY) == 0
    donation.requested_date = TODAY
    donation.save(update_fields=["requested_date"])
    assert letters_release_held(on=TODAY) == 1

    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED


def test_it_decides_again_at_release_and_can_refuse():
    """The rules are read again at release: a centre that stopped anonymous letters refuses the held one."""
    donation = donation_to("US", first_transplant_date=datetime.date(2026, 12, 15))
    letter = held(donation)
    TransplantCentre.objects.filter(pk=donation.patient.centre_id).update(
        allows_anonymous_correspondence=False
    )

    assert letters_release_held(on=datetime.date(2026, 12, 15)) == 1

    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED and letter.policy_action == "refuse"


def test_it_holds_again_for_a_new_condition_at_release():
    """Held until the transplant; by then the cryopreserved product is still not requested: held again."""
    donation = donation_to(
        "US",
        product=Donation.Product.CRYOPRESERVED,
        requested_date=datetime.date(2026, 11, 1),
        first_transplant_date=datetime.date(2026, 12, 15),
    )
    letter = held(donation)
    Donation.objects.filter(pk=donation.pk).update(requested_date=None)

    assert letters_release_held(on=datetime.date(2026, 12, 15)) == 1

    letter.refresh_from_db()
    assert letter.status == Letter.Status.HELD
    assert letter.hold_until is None and "cryopreserved" in letter.hold_condition
    assert kinds(letter)[-2:] == ["policy_decided", "held"]


def test_it_releases_held_letters_from_the_beat_task_in_batches(monkeypatch):
    monkeypatch.setattr("correspondence.services.policy.RELEASE_BATCH", 2)
    letters = [held(donation_to("US", first_transplant_date=datetime.date(2026, 12, 15))) for _ in range(5)]

    with time_machine.travel(datetime.date(2026, 12, 16), tick=False):
        assert letters_release_held_task.delay().get() == 5

    assert {Letter.objects.get(pk=x.pk).status for x in letters} == {Letter.Status.FORWARDED}
    schedule = settings.CELERY_BEAT_SCHEDULE["release-held-letters"]
    assert schedule["task"] == "correspondence.tasks.letters_release_held"


@time_machine.travel(TODAY, tick=False)
def test_it_tells_the_writer_at_check_my_letter_what_the_rules_would_decide(donor_client):
    """Checking shows a refusal (or a wait) before sending; a letter that may travel shows neither."""
    check = reverse("correspondence:letter_check")
    data = {"donation": donor_client.donation.pk, "body": BODY}
    assert "do not allow this letter" not in donor_client.post(check, data).content.decode()

    Donation.objects.filter(pk=donor_client.donation.pk).update(
        first_transplant_date=datetime.date(2027, 1, 5)
    )
    waiting = donor_client.post(check, data).content.decode()
    centre = donor_client.donation.patient.centre
    TransplantCentre.objects.filter(pk=centre.pk).update(allows_anonymous_correspondence=False)
    refused = donor_client.post(check, data).content.decode()

    assert (
        "it will wait before it travels on" in waiting
        and "Letters may travel from the day of transplant." in waiting
    )
    assert "do not allow this letter to be sent" in refused and "allows no anonymous" in refused


def test_it_moves_a_letter_only_from_the_state_it_saw(monkeypatch, django_capture_on_commit_callbacks):
    """Where row locks do not hold (SQLite), the conditional update still lets one dispatch win."""
    from correspondence.services import policy

    letter = approved(donation_to("US"))
    real = policy.letter_policy_apply

    def racing(**kwargs):
        decision = real(**kwargs)
        Letter.objects.filter(pk=letter.pk).update(status=Letter.Status.FORWARDED)  # the other dispatch won
        return decision

    monkeypatch.setattr(policy, "letter_policy_apply", racing)
    with django_capture_on_commit_callbacks(execute=True):
        result = letter_dispatch(letter=letter, actor=None, on=TODAY)

    assert result.status == Letter.Status.FORWARDED and result.forwarded_at is None
    assert "forwarded" not in kinds(letter) and mail.outbox == []
