"""`manage.py policy_decision`: the app's decision from the command line, rules from the database."""

import json
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from policies.models import CountryRule
from policies.services import country_rules_load

pytestmark = pytest.mark.django_db

JSON_KEYS = {
    "decision",
    "hold_until",
    "hold_condition",
    "direct_contact_from",
    "direct_contact_possible",
    "english_required",
    "reasons",
}


@pytest.fixture(autouse=True)
def _seeded() -> None:
    """Load the seed rows (a no-op when the migration already did)."""
    country_rules_load()


def decision(*args: str) -> str:
    out = StringIO()
    call_command("policy_decision", *args, stdout=out)
    return out.getvalue()


def decision_json(*args: str) -> dict:
    return json.loads(decision(*args, "--json"))


def test_it_prints_the_decision_as_json() -> None:
    """The JSON holds the issue's keys, dates in ISO 8601."""
    result = decision_json(
        "--donor-country", "DE", "--recipient-country", "US", "--transplant-date", "2026-01-10",
        "--on", "2028-02-01", "--donor-consent", "yes", "--patient-consent", "yes",
    )  # fmt: skip
    assert set(result) >= JSON_KEYS
    assert result["decision"] == "forward"
    assert result["hold_until"] is None
    assert result["hold_condition"] is None
    assert result["direct_contact_from"] == "2028-01-10"
    assert result["direct_contact_possible"] is True
    assert result["english_required"] is True
    assert isinstance(result["reasons"], list) and result["reasons"]


def test_it_holds_until_the_transplant_date() -> None:
    """Before the transplant the letter is held until its day."""
    result = decision_json(
        "--donor-country",
        "DE",
        "--recipient-country",
        "DE",
        "--transplant-date",
        "2026-01-10",
        "--on",
        "2026-01-01",
    )
    assert (result["decision"], result["hold_until"]) == ("hold", "2026-01-10")
    assert result["english_required"] is False


def test_it_refuses_past_the_letter_cap_on_the_patient_side() -> None:
    """--letters-sent and --direction reach the rules: a Swiss patient who wrote once may not write again."""
    result = decision_json(
        "--donor-country", "DE", "--recipient-country", "CH", "--transplant-date", "2025-01-10",
        "--on", "2025-06-01", "--direction", "patient_to_donor", "--letters-sent", "1",
    )  # fmt: skip
    assert result["decision"] == "refuse"
    assert "patient's side" in result["reasons"][0]
    assert result["direct_contact_from"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(("--product", "cord"), "refuse", id="cord"),
        pytest.param(("--centre-allows-anonymous", "no"), "refuse", id="centre-forbids"),
        pytest.param(("--product", "cryopreserved"), "hold", id="cryopreserved-not-requested"),
        pytest.param(
            ("--product", "cryopreserved", "--requested-date", "2025-01-01"),
            "forward",
            id="cryopreserved-requested",
        ),
    ],
)
def test_it_passes_every_option_to_the_rules(args: tuple[str, ...], expected: str) -> None:
    """Product, requested date and the centre override change the decision as the rules say."""
    base = ("--donor-country", "US", "--recipient-country", "DE", "--transplant-date", "2025-01-10")
    assert decision_json(*base, "--on", "2025-06-01", *args)["decision"] == expected


def test_it_waits_for_the_patient_to_ask_first_under_british_rules() -> None:
    """GB wants the recipient to ask first; the period counts from the last transplant."""
    base = (
        "--donor-country", "GB", "--recipient-country", "US", "--transplant-date", "2024-02-29",
        "--last-transplant-date", "2024-05-31", "--on", "2026-06-01",
        "--donor-consent", "yes", "--patient-consent", "yes",
    )  # fmt: skip
    assert decision_json(*base)["direct_contact_possible"] is False
    result = decision_json(*base, "--contact-requested-by", "patient")
    assert result["direct_contact_from"] == "2026-05-31"
    assert result["direct_contact_possible"] is True


def test_it_holds_a_real_country_with_no_rules_on_file() -> None:
    """Kenya is a country, but has no row: held for a caseworker, never forwarded blindly."""
    result = decision_json(
        "--donor-country",
        "ke",
        "--recipient-country",
        "US",
        "--transplant-date",
        "2025-01-10",
        "--on",
        "2025-06-01",
    )
    assert result["decision"] == "hold"
    assert "no policy on file for KE" in result["hold_condition"]
    assert any("no policy on file for KE" in reason for reason in result["reasons"])


def test_it_uses_the_rules_on_file() -> None:
    """A staff edit to a row changes the command's answer: it reads the same rows as the app."""
    CountryRule.objects.filter(country="DE").update(anonymous_letters=False)
    result = decision_json(
        "--donor-country",
        "DE",
        "--recipient-country",
        "US",
        "--transplant-date",
        "2025-01-10",
        "--on",
        "2025-06-01",
    )
    assert result["decision"] == "refuse"


def test_it_prints_text_for_people() -> None:
    """Without --json the decision, the hold date, direct contact and the reasons are printed as lines."""
    output = decision(
        "--donor-country",
        "DE",
        "--recipient-country",
        "FR",
        "--transplant-date",
        "2026-01-10",
        "--on",
        "2026-01-01",
    )
    assert "On 2026-01-01: hold" in output
    assert "Hold until: 2026-01-10" in output
    assert "English required: yes" in output
    assert "Direct contact from: never" in output
    assert "FR never allows direct contact" in output
    assert "Reasons:" in output


def test_it_decides_for_today_by_default() -> None:
    """--on defaults to today."""
    with time_machine.travel("2026-01-09 12:00:00+00:00", tick=False):
        held = decision_json(
            "--donor-country", "DE", "--recipient-country", "US", "--transplant-date", "2026-01-10"
        )
    with time_machine.travel("2026-01-10 12:00:00+00:00", tick=False):
        forwarded = decision_json(
            "--donor-country", "DE", "--recipient-country", "US", "--transplant-date", "2026-01-10"
        )
    assert (held["decision"], forwarded["decision"]) == ("hold", "forward")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("--donor-country", "ZZ", "--recipient-country", "US"), "--donor-country: 'ZZ'", id="zz"
        ),
        pytest.param(
            ("--donor-country", "DE", "--recipient-country", "USA"), "--recipient-country", id="alpha-3"
        ),
        pytest.param(("--donor-country", "", "--recipient-country", "US"), "--donor-country", id="empty"),
        pytest.param(
            ("--donor-country", "DE", "--recipient-country", "US", "--transplant-date", "2026-02-30"),
            "--transplant-date: '2026-02-30' is not a valid date",
            id="no-such-day",
        ),
        pytest.param(
            ("--donor-country", "DE", "--recipient-country", "US", "--on", "01/06/2026"),
            "--on: '01/06/2026' is not a valid date",
            id="not-iso",
        ),
        pytest.param(
            ("--donor-country", "DE", "--recipient-country", "US", "--last-transplant-date", "soon"),
            "--last-transplant-date",
            id="last-transplant-date",
        ),
        pytest.param(
            ("--donor-country", "DE", "--recipient-country", "US", "--requested-date", "2026-13-01"),
            "--requested-date",
            id="requested-date",
        ),
        pytest.param(
            ("--donor-country", "DE", "--recipient-country", "US", "--letters-sent", "-1"),
            "--letters-sent",
            id="negative-letters",
        ),
    ],
)
def test_it_rejects_bad_countries_and_dates_clearly(args: tuple[str, ...], message: str) -> None:
    """A code that is no ISO 3166 country, or an invalid date, is a CommandError naming the option."""
    with pytest.raises(CommandError, match=message):
        decision(*args)
