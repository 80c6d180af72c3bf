"""The rules' reasons in staff's words: what applies, and the rule, country and source that say so."""

from datetime import date

import pytest

from policies.explain import citation, explain, hold_condition
from policies.rules import Code, Decision, Reason, reason


@pytest.mark.parametrize(
    ("given", "sentence"),
    [
        pytest.param(
            reason(
                Code.LETTER_CAP_REACHED,
                side="donor",
                sent=2,
                cap=2,
                country="JP",
                source="jmdp",
                verified=True,
            ),
            "Refused: the donor's side has already sent 2 letters and JP allows at most 2 each way "
            "(rule max_letters_per_side, JP; source: jmdp).",
            id="cap-with-its-source",
        ),
        pytest.param(
            reason(
                Code.LETTER_CAP_REACHED,
                side="patient",
                sent=1,
                cap=1,
                country="NL",
                source="",
                verified=False,
            ),
            "Refused: the patient's side has already sent 1 letter and NL allows at most 1 each way "
            "(rule max_letters_per_side, NL; source: none given; unverified).",
            id="one-letter-unverified-and-no-source",
        ),
        pytest.param(
            reason(
                Code.LETTER_WINDOW_ENDED,
                months=24,
                transplant=date(2024, 2, 29),
                ended=date(2026, 2, 28),
                country="JP",
                source="jmdp",
                verified=True,
            ),
            "Refused: JP allows anonymous letters only within 24 months of the transplant on 2024-02-29; "
            "that window ended on 2026-02-28 (rule letter_window_months, JP; source: jmdp).",
            id="window-with-dates",
        ),
        pytest.param(
            reason(Code.CENTRE_NO_ANONYMOUS_LETTERS, centre="", country="US"),
            "Refused: transplant centre (unnamed) allows no anonymous correspondence (rule centre override "
            "allows_anonymous_correspondence, US; source: the centre's record).",
            id="centre-without-a-code",
        ),
        pytest.param(
            reason(Code.ANONYMOUS_LETTERS_ALLOWED, rules=(("DE", "dkms.de", True), ("NL", "forum", False))),
            "Forward anonymously after review: DE (source: dkms.de) and NL (source: forum; unverified) allow "
            "anonymous letters.",
            id="forward-cites-both-countries",
        ),
        pytest.param(
            reason(Code.RECIPIENT_ASKS_FIRST, countries=("GB",), source="anthonynolan.org", verified=True),
            "GB wants the recipient to ask first (rule initiator, GB; source: anthonynolan.org).",
            id="one-country-wants",
        ),
        pytest.param(
            reason(
                Code.ANONYMITY_PERIOD,
                months=24,
                anchor="last_transplant",
                country="DE+GB",
                source="s",
                verified=True,
            ),
            "Direct contact needs 24 months from the last transplant "
            "(rule anonymity_months and anonymity_anchor, DE+GB; source: s).",
            id="combined-rule",
        ),
        pytest.param(
            reason(Code.MISSING_CONSENT, side="patient"),
            "the patient's written consent to direct contact",
            id="missing-item",
        ),
    ],
)
def test_it_explains_a_reason(given: Reason, sentence: str) -> None:
    assert explain(given) == sentence


def test_it_says_what_a_held_letter_waits_for() -> None:
    """Several conditions are joined; a hold until a date, or no hold, waits for no condition."""
    held = Decision(
        "hold",
        (
            reason(Code.NO_POLICY_ON_FILE, country="KE"),
            reason(Code.CRYOPRESERVED_NOT_REQUESTED),
            reason(Code.RULE_UNVERIFIED, country="NL", source="forum"),
        ),
    )
    assert hold_condition(held) == (
        "a caseworker's decision (no policy on file for KE); "
        "the cryopreserved product is requested for this patient"
    )
    until = Decision("hold", (reason(Code.BEFORE_TRANSPLANT, transplant=date(2027, 1, 1)),), date(2027, 1, 1))
    assert hold_condition(until) is None
    assert hold_condition(Decision("refuse", (reason(Code.CORD_BLOOD_NO_LETTERS),))) is None


def test_it_cites_an_unverified_source() -> None:
    assert citation(source="x", verified=False) == "source: x; unverified"
    assert citation(source="") == "source: none given"
