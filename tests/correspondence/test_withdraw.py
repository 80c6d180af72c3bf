"""Withdrawing a letter: asked first, possible until the letter travels on (held letters included)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from correspondence.models import Letter
from correspondence.services import letter_withdraw
from correspondence.services.policy import letter_dispatch, letters_release_held
from tests.factories import (
    DonationFactory,
    ForwardedLetterFactory,
    LetterFactory,
    PatientFactory,
    RedactedVersionFactory,
    TransplantCentreFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def held_letter(donation=None) -> Letter:
    """A letter approved before the transplant, which the rules hold until the transplant date."""
    donation = donation or DonationFactory(
        patient=PatientFactory(centre=TransplantCentreFactory(country="US")),
        first_transplant_date=datetime.date(2026, 12, 15),
    )
    letter = LetterFactory(donation=donation, status=Letter.Status.APPROVED, submitted_at=timezone.now())
    RedactedVersionFactory(letter=letter, text=letter.body)
    letter = letter_dispatch(letter=letter, actor=None, on=TODAY)
    assert letter.status == Letter.Status.HELD
    return letter


def withdraw_url(letter: Letter) -> str:
    return reverse("correspondence:letter_withdraw", kwargs={"public_id": letter.public_id})


@pytest.mark.parametrize(
    "status",
    [Letter.Status.DRAFT, Letter.Status.SUBMITTED, Letter.Status.IN_REVIEW],
    ids=["draft", "submitted", "in-review"],
)
def test_it_withdraws_a_letter_that_has_not_travelled(status):
    letter = LetterFactory(status=status, submitted_at=timezone.now())
    letter_withdraw(letter=letter, donor=letter.donation.donor)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.WITHDRAWN
    assert letter.events.filter(kind="withdrawn", actor=letter.donation.donor.user).exists()


def test_it_withdraws_a_held_letter_and_the_release_then_leaves_it_alone():
    letter = held_letter()
    letter_withdraw(letter=letter, donor=letter.donation.donor)

    assert letters_release_held(on=datetime.date(2026, 12, 15)) == 0
    letter.refresh_from_db()
    assert letter.status == Letter.Status.WITHDRAWN and letter.forwarded_at is None


@pytest.mark.parametrize(
    "status",
    [Letter.Status.FORWARDED, Letter.Status.DELIVERED, Letter.Status.REFUSED, Letter.Status.WITHDRAWN],
    ids=["forwarded", "delivered", "refused", "withdrawn"],
)
def test_it_refuses_to_withdraw_a_letter_that_has_travelled_or_ended(status):
    letter = ForwardedLetterFactory(status=status)
    with pytest.raises(ValidationError) as raised:
        letter_withdraw(letter=letter, donor=letter.donation.donor)
    assert raised.value.code == "not_withdrawable"
    letter.refresh_from_db()
    assert letter.status == status


def test_it_lets_only_the_writer_withdraw():
    letter = LetterFactory(status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    with pytest.raises(PermissionDenied):
        letter_withdraw(letter=letter, donor=DonationFactory().donor)


def test_it_asks_before_withdrawing_and_changes_nothing_on_the_way(donor_client):
    letter = LetterFactory(
        donation=donor_client.donation, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now()
    )
    detail = donor_client.get(letter.get_absolute_url()).content.decode()
    # The letter's page links to the question (a dialog with JavaScript, this page without).
    assert f'href="{withdraw_url(letter)}" data-opens-dialog="withdraw-dialog"' in detail
    assert '<dialog id="withdraw-dialog"' in detail

    page = donor_client.get(withdraw_url(letter))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Withdraw this letter?" in text and "Yes, withdraw my letter" in text
    assert "it will not be sent to your recipient" in text
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW

    response = donor_client.post(withdraw_url(letter))
    assert response.status_code == 302 and response.url == letter.get_absolute_url()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.WITHDRAWN
    assert "Your letter is withdrawn" in donor_client.get(response.url).content.decode()


def test_it_offers_to_withdraw_a_held_letter(donor_client):
    letter = held_letter(
        DonationFactory(
            donor=donor_client.donor,
            patient=PatientFactory(centre=TransplantCentreFactory(country="US")),
            first_transplant_date=datetime.date(2026, 12, 15),
        )
    )
    assert "waiting until the rules allow it" in donor_client.get(withdraw_url(letter)).content.decode()
    donor_client.post(withdraw_url(letter))
    letter.refresh_from_db()
    assert letter.status == Letter.Status.WITHDRAWN


def test_it_says_so_when_a_forwarded_letter_can_no_longer_be_withdrawn(donor_client):
    letter = ForwardedLetterFactory(donation=donor_client.donation)
    assert "Withdraw" not in donor_client.get(letter.get_absolute_url()).content.decode()

    asked = donor_client.get(withdraw_url(letter), follow=True)
    assert "This letter can no longer be withdrawn." in asked.content.decode()
    donor_client.post(withdraw_url(letter))
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED


def test_it_hides_another_donors_letter_from_the_question(donor_client):
    other = LetterFactory(status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    assert donor_client.get(withdraw_url(other)).status_code == 404
    assert donor_client.post(withdraw_url(other)).status_code == 404
    other.refresh_from_db()
    assert other.status == Letter.Status.IN_REVIEW
