"""A caseworker decides a held letter: forward now, keep holding until a date, or refuse (once confirmed)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from correspondence.models import Letter
from correspondence.services.policy import letter_dispatch, letter_held_decide, letters_release_held
from tests.correspondence.test_policy_wiring import approved, donation_to, kinds
from tests.correspondence.test_review import caseworker, in_review, review_url
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def held_for_a_caseworker() -> Letter:
    """A letter to a country with no policy on file: the rules hold it for a caseworker, with no date."""
    letter = letter_dispatch(letter=approved(donation_to("KE")), actor=None, on=TODAY)
    assert letter.status == Letter.Status.HELD and letter.hold_until is None
    assert "caseworker" in letter.hold_condition
    mail.outbox.clear()
    return letter


def decide(letter: Letter, action: str, reason: str = "Checked with the centre.", **kwargs) -> Letter:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return letter_held_decide(
            letter=letter, caseworker=caseworker(), action=action, reason=reason, on=TODAY, **kwargs
        )


def test_it_waits_for_ever_without_a_caseworker():
    letter = held_for_a_caseworker()
    assert letters_release_held(on=TODAY + datetime.timedelta(days=400)) == 0
    letter.refresh_from_db()
    assert letter.status == Letter.Status.HELD


def test_it_forwards_a_held_letter_now_and_tells_the_writer():
    letter = decide(held_for_a_caseworker(), "forward", "Kenyan centre confirmed anonymous letters are fine.")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED and letter.forwarded_at is not None
    decided = letter.events.get(kind="held_decided")
    assert decided.data == {
        "action": "forward",
        "reason": "Kenyan centre confirmed anonymous letters are fine.",
        "hold_until": None,
    }
    assert decided.actor.username == "casey"
    assert kinds(letter)[-2:] == ["held_decided", "forwarded"]
    assert [m.subject for m in mail.outbox] == ["Your letter is on its way"]


def test_it_keeps_a_held_letter_until_a_date_and_the_rules_look_again_then():
    letter = decide(held_for_a_caseworker(), "hold", hold_until=datetime.date(2027, 1, 10))
    letter.refresh_from_db()
    assert (letter.status, letter.hold_until, letter.hold_condition) == (
        Letter.Status.HELD,
        datetime.date(2027, 1, 10),
        "",
    )
    assert "10 January 2027" in letter.status_reason
    assert kinds(letter)[-2:] == ["held_decided", "held"]
    assert not mail.outbox

    assert letters_release_held(on=datetime.date(2027, 1, 9)) == 0
    assert letters_release_held(on=datetime.date(2027, 1, 10)) == 1
    letter.refresh_from_db()
    # Still no policy on file: back to waiting for a caseworker.
    assert letter.status == Letter.Status.HELD and letter.hold_until is None
    assert "caseworker" in letter.hold_condition


def test_it_refuses_a_held_letter_with_the_caseworkers_reason():
    letter = decide(held_for_a_caseworker(), "refuse", "The centre does not pass on letters.")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED
    assert letter.status_reason == "The centre does not pass on letters."
    assert [m.subject for m in mail.outbox] == ["Your letter cannot be sent"]
    assert "centre does not" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("action", "reason", "kwargs", "code"),
    [
        pytest.param("forward", "  ", {}, "reason_required", id="no-reason"),
        pytest.param("hold", "Waiting.", {}, "bad_hold_date", id="hold-without-date"),
        pytest.param("hold", "Waiting.", {"hold_until": TODAY}, "bad_hold_date", id="hold-until-today"),
        pytest.param("approve", "Fine.", {}, "bad_action", id="unknown-action"),
    ],
)
def test_it_refuses_an_incomplete_decision(action, reason, kwargs, code):
    letter = held_for_a_caseworker()
    with pytest.raises(ValidationError) as error:
        decide(letter, action, reason, **kwargs)
    assert error.value.code == code
    letter.refresh_from_db()
    assert letter.status == Letter.Status.HELD and "held_decided" not in kinds(letter)


def test_it_decides_only_a_letter_still_held():
    letter = LetterFactory(status=Letter.Status.FORWARDED, submitted_at=timezone.now())
    with pytest.raises(ValidationError, match="no longer held"):
        decide(letter, "refuse")


@time_machine.travel(TODAY, tick=False)
def test_it_decides_a_held_letter_from_the_review_page(client):
    letter = held_for_a_caseworker()
    client.force_login(caseworker())
    page = client.get(review_url(letter)).content.decode()
    assert "Decide the held letter" in page and "no policy on file for KE" in page
    assert 'min="2026-11-24"' in page

    response = client.post(
        review_url(letter, "held"),
        {"action": "hold", "reason": "Asked the centre.", "hold_until": "2026-12-01"},
        follow=True,
    )
    assert "the letter stays held until 1 December 2026" in response.content.decode()
    response = client.post(
        review_url(letter, "held"), {"action": "hold", "reason": "x", "hold_until": "someday"}, follow=True
    )
    assert "Enter a valid date." in response.content.decode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(review_url(letter, "held"), {"action": "forward", "reason": "The centre agreed."})
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED


def test_it_asks_before_refusing_a_held_letter(client):
    letter = held_for_a_caseworker()
    client.force_login(caseworker())
    page = client.post(review_url(letter, "held"), {"action": "refuse", "reason": "No letters to KE."})
    html = page.content.decode()
    assert "Refuse this letter?" in html and "No letters to KE.</textarea>" in html
    assert 'name="confirmed" value="yes"' in html and f'action="{review_url(letter, "held")}"' in html
    letter.refresh_from_db()
    assert letter.status == Letter.Status.HELD

    client.post(
        review_url(letter, "held"), {"action": "refuse", "reason": "No letters to KE.", "confirmed": "yes"}
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED


def test_it_asks_before_refusing_a_letter_in_review_and_keeps_the_reason(client):
    letter = in_review()
    client.force_login(caseworker())
    page = client.post(review_url(letter, "decide"), {"action": "refuse", "reason": "Names a <b>street</b>."})
    html = page.content.decode()
    assert page.status_code == 200 and "A refusal is final." in html
    assert "Names a &lt;b&gt;street&lt;/b&gt;.</textarea>" in html
    assert "No, go back to the letter" in html and review_url(letter) in html
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW and not mail.outbox

    response = client.post(
        review_url(letter, "decide"), {"action": "refuse", "reason": "", "confirmed": ""}, follow=True
    )
    assert "Give the writer a reason." in response.content.decode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            review_url(letter, "decide"),
            {"action": "refuse", "reason": "Names a street.", "confirmed": "yes"},
        )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED
    assert [m.subject for m in mail.outbox] == ["Your letter cannot be sent"]


def test_it_lists_the_letters_waiting_for_a_caseworker_in_the_queue(client):
    from django.urls import reverse

    waiting = held_for_a_caseworker()
    dated = letter_dispatch(
        letter=approved(donation_to("US", first_transplant_date=datetime.date(2027, 2, 1))),
        actor=None,
        on=TODAY,
    )
    client.force_login(caseworker())
    html = client.get(reverse("admin:correspondence_letter_changelist") + "?held=caseworker").content.decode()
    assert waiting.reference in html and dated.reference not in html
    assert "hold until a caseworker&#x27;s decision (no policy on file for KE)" in html
    html = client.get(reverse("admin:correspondence_letter_changelist") + "?held=date").content.decode()
    assert dated.reference in html and waiting.reference not in html and "hold until 01 Feb 2027" in html
