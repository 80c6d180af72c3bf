"""The pure policy rules: no database, rules given as values (../shared/policy/README.md)."""

import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.explain import explain, explain_all, hold_condition
from policies.rules import (
    GIFTS,
    CentreOverride,
    Code,
    CountryRule,
    PolicyContext,
    add_months,
    codes,
    combine,
    decide,
    direct_contact,
    gifts_allowed,
    photos_allowed,
    reason,
)

# Values as in the seed file, sources shortened.
DE = CountryRule(
    "DE", True, True, 24, "first_transplant", "either", None, None, False, "no", source="dkms.de"
)
US = CountryRule(
    "US", True, True, 12, "last_transplant", "either", None, None, False, "yes", source="nmdp.org"
)
GB = CountryRule(
    "GB", True, True, 24, "last_transplant", "recipient", None, None, False, "no", source="anthonynolan.org"
)
FR = CountryRule("FR", True, False, None, source="legifrance L1211-5")
NL = CountryRule("NL", True, False, None, max_letters_per_side=1, source="donor forum report", verified=False)
JP = CountryRule(
    "JP", True, False, None, max_letters_per_side=2, letter_window_months=24, source="jmdp.or.jp"
)
ROOT = Path(__file__).resolve().parents[2]
RULES = {rule.country: rule for rule in (DE, US, GB, FR, NL, JP)}

TRANSPLANT = date(2025, 3, 10)
ON = date(2025, 9, 1)


def make_case(donor: str = "DE", recipient: str = "US", **overrides) -> PolicyContext:
    """Return a context for a donor letter after a fresh transplant; rules from RULES, or None if absent."""
    values = {
        "donor_country": donor,
        "recipient_country": recipient,
        "donor_rule": RULES.get(donor),
        "recipient_rule": RULES.get(recipient),
        "first_transplant_date": TRANSPLANT,
    }
    values.update(overrides)
    return PolicyContext(**values)


def forbidding(rule: CountryRule) -> CountryRule:
    return replace(rule, anonymous_letters=False)


@pytest.mark.parametrize(
    ("context", "on", "expected"),
    [
        # 4. forward
        pytest.param(make_case(), ON, ("forward", None, None), id="both-countries-allow-so-forward"),
        pytest.param(
            make_case(), TRANSPLANT, ("forward", None, None), id="forwarded-from-the-day-of-transplant"
        ),
        pytest.param(
            make_case(direction="patient_to_donor"),
            ON,
            ("forward", None, None),
            id="patient-letter-forwarded",
        ),
        # 1. refuse
        pytest.param(
            make_case(donor_rule=forbidding(DE)),
            ON,
            ("refuse", None, None),
            id="donor-country-forbids-letters",
        ),
        pytest.param(
            make_case(recipient_rule=forbidding(US)),
            ON,
            ("refuse", None, None),
            id="recipient-country-forbids-letters",
        ),
        pytest.param(
            make_case(centre=CentreOverride(code="TC1", allows_anonymous_correspondence=False)),
            ON,
            ("refuse", None, None),
            id="centre-allows-no-anonymous-correspondence",
        ),
        pytest.param(make_case(product="cord"), ON, ("refuse", None, None), id="cord-blood-is-refused"),
        pytest.param(
            make_case("NL", "DE", letters_sent=1), ON, ("refuse", None, None), id="donor-side-reached-its-cap"
        ),
        pytest.param(
            make_case("DE", "NL", letters_sent=1, direction="patient_to_donor"),
            ON,
            ("refuse", None, None),
            id="patient-side-reached-its-cap-sides-swapped",
        ),
        pytest.param(
            make_case("JP", "US", letters_sent=1),
            ON,
            ("forward", None, None),
            id="below-the-cap-is-forwarded",
        ),
        pytest.param(
            make_case("JP", "US"),
            date(2027, 3, 11),
            ("refuse", None, None),
            id="letter-window-closed-the-day-after-it-ends",
        ),
        pytest.param(
            make_case("JP", "US"),
            date(2027, 3, 10),
            ("forward", None, None),
            id="letter-window-open-on-its-last-day",
        ),
        # 2. hold until a condition
        pytest.param(
            make_case("KE", "US"),
            ON,
            ("hold", None, "no policy on file for KE"),
            id="unknown-donor-country-is-held-for-a-caseworker",
        ),
        pytest.param(
            make_case("DE", "KE"),
            ON,
            ("hold", None, "no policy on file for KE"),
            id="unknown-recipient-country-is-held-for-a-caseworker",
        ),
        pytest.param(
            make_case(product="cryopreserved"),
            ON,
            ("hold", None, "requested for this patient"),
            id="cryopreserved-not-yet-requested-is-held",
        ),
        pytest.param(
            make_case(product="cryopreserved", requested_date=date(2025, 10, 1)),
            ON,
            ("hold", None, "requested for this patient"),
            id="cryopreserved-requested-only-later-is-held",
        ),
        pytest.param(
            make_case(product="cryopreserved", requested_date=date(2025, 2, 1)),
            ON,
            ("forward", None, None),
            id="cryopreserved-requested-is-forwarded",
        ),
        pytest.param(
            make_case(first_transplant_date=None),
            ON,
            ("hold", None, "transplant date is recorded"),
            id="no-transplant-date-is-held",
        ),
        # 3. hold until a date
        pytest.param(
            make_case(),
            date(2025, 3, 9),
            ("hold", TRANSPLANT, None),
            id="before-transplant-held-until-its-day",
        ),
        # Conflicts of order: the earlier step wins.
        pytest.param(
            make_case("KE", "US", product="cord"), ON, ("refuse", None, None), id="cord-beats-unknown-country"
        ),
        pytest.param(
            make_case("KE", "US", recipient_rule=forbidding(US)),
            ON,
            ("refuse", None, None),
            id="known-country-forbidding-beats-unknown-country",
        ),
        pytest.param(
            make_case("NL", "KE", letters_sent=1),
            ON,
            ("refuse", None, None),
            id="cap-of-known-country-beats-unknown-country",
        ),
        pytest.param(
            make_case("NL", "DE", letters_sent=1),
            date(2025, 1, 1),
            ("refuse", None, None),
            id="cap-beats-transplant-in-the-future",
        ),
        pytest.param(
            make_case("JP", "US", product="cryopreserved"),
            date(2027, 6, 1),
            ("refuse", None, None),
            id="closed-window-beats-cryopreserved-not-requested",
        ),
        pytest.param(
            make_case(product="cryopreserved", centre=CentreOverride(allows_anonymous_correspondence=False)),
            ON,
            ("refuse", None, None),
            id="centre-refusal-beats-cryopreserved-not-requested",
        ),
        pytest.param(
            make_case(product="cryopreserved"),
            date(2025, 1, 1),
            ("hold", None, "requested for this patient"),
            id="cryopreserved-condition-beats-transplant-date",
        ),
        pytest.param(
            make_case("KE", "US"),
            date(2025, 1, 1),
            ("hold", None, "no policy on file for KE"),
            id="unknown-country-condition-beats-transplant-date",
        ),
        pytest.param(
            make_case("KE", "US", first_transplant_date=None),
            ON,
            ("hold", None, "no policy on file for KE"),
            id="unknown-country-condition-beats-missing-transplant-date",
        ),
    ],
)
def test_it_decides_in_the_readme_order(context: PolicyContext, on: date, expected: tuple) -> None:
    """The first step of the README that applies decides: refuse, hold (condition), hold (date), forward."""
    action, hold_until, condition = expected
    decision = decide(context, on=on)
    assert (decision.action, decision.hold_until) == (action, hold_until)
    if condition is None:
        assert decision.conditions == () and hold_condition(decision) is None
    else:
        assert condition in hold_condition(decision)
    assert decision.reasons


def test_it_names_the_rule_country_and_source_in_reasons() -> None:
    """A refusal cites the rule, the country, its source and that the row is unverified."""
    decision = decide(make_case("NL", "DE", letters_sent=1), on=ON)
    assert decision.reasons[0] == reason(
        Code.LETTER_CAP_REACHED,
        side="donor",
        sent=1,
        cap=1,
        country="NL",
        source="donor forum report",
        verified=False,
    )
    sentence = explain(decision.reasons[0])
    assert all(
        words in sentence
        for words in ("max_letters_per_side", "NL", "donor forum report", "unverified", "donor's side")
    )


def test_it_lists_every_refusal_of_the_deciding_step() -> None:
    """When several refusals apply, each is given as a reason."""
    decision = decide(make_case("NL", "DE", letters_sent=3, product="cord"), on=ON)
    assert decision.action == "refuse"
    assert codes(decision.reasons) == (
        Code.CORD_BLOOD_NO_LETTERS,
        Code.LETTER_CAP_REACHED,
        Code.RULE_UNVERIFIED,
    )
    assert len([r for r in explain_all(decision.reasons) if r.startswith("Refused")]) == 2


def test_it_holds_with_both_conditions_when_both_apply() -> None:
    """An unknown country and an unrequested cryopreserved product are both named in the condition."""
    decision = decide(make_case("KE", "US", product="cryopreserved"), on=ON)
    assert decision.action == "hold"
    assert codes(decision.conditions) == (Code.NO_POLICY_ON_FILE, Code.CRYOPRESERVED_NOT_REQUESTED)
    assert "no policy on file for KE" in hold_condition(decision)
    assert "requested" in hold_condition(decision)


def test_it_says_the_patient_side_when_the_patient_writes() -> None:
    """Letters from the patient's side follow the same rules with the sides swapped."""
    decision = decide(make_case("DE", "NL", letters_sent=1, direction="patient_to_donor"), on=ON)
    assert decision.reasons[0]["side"] == "patient"
    assert "patient's side" in explain(decision.reasons[0])


def test_it_counts_only_the_writers_own_letters() -> None:
    """A cap of one each way leaves the other side free to answer."""
    donor_done = make_case("NL", "DE", letters_sent=0, direction="patient_to_donor")
    assert decide(donor_done, on=ON).action == "forward"


@pytest.mark.parametrize(
    ("donor", "recipient", "required"),
    [
        pytest.param("DE", "US", True, id="different-countries-need-english"),
        pytest.param("DE", "DE", False, id="same-country-needs-no-english"),
        pytest.param("KE", "US", True, id="unknown-country-still-needs-english"),
    ],
)
def test_it_requires_english_when_countries_differ(donor: str, recipient: str, required: bool) -> None:
    """English is required exactly when the two countries differ, whatever the decision."""
    assert decide(make_case(donor, recipient), on=ON).english_required is required


def test_it_notes_unverified_rules_on_forward() -> None:
    """A forward involving an unverified row says so."""
    decision = decide(make_case("NL", "DE"), on=ON)
    assert decision.action == "forward"
    assert reason(Code.RULE_UNVERIFIED, country="NL", source="donor forum report") in decision.reasons
    assert any("not verified" in sentence for sentence in explain_all(decision.reasons))


@pytest.mark.parametrize(
    ("context", "photos", "gifts"),
    [
        pytest.param(make_case("DE", "US"), False, "no", id="german-no-gifts-beats-american-yes"),
        pytest.param(
            make_case(
                "US", "US", donor_rule=replace(US, photos=True), recipient_rule=replace(US, photos=True)
            ),
            True,
            "yes",
            id="one-country-allowing-both",
        ),
        pytest.param(
            make_case(
                "US", "DE", donor_rule=replace(US, photos=True), recipient_rule=replace(DE, gifts="small")
            ),
            False,
            "small",
            id="photos-need-both-countries",
        ),
        pytest.param(make_case("KE", "US"), False, "no", id="unknown-country-allows-neither"),
    ],
)
def test_it_allows_photos_and_gifts_only_as_the_stricter_country_does(
    context: PolicyContext, photos: bool, gifts: str
) -> None:
    """Photos only if both countries allow them; gifts the stricter of no < small < yes."""
    assert photos_allowed(context) is photos
    assert gifts_allowed(context) == gifts


@pytest.mark.parametrize("module", ["policies.rules", "policies.explain"])
def test_it_imports_no_django(module: str) -> None:
    """The rules and their staff sentences stay pure (STYLE §3): importing them loads no Django module."""
    code = f"import sys, {module}; print(any(m.startswith('django') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


# Direct contact


@pytest.mark.parametrize(
    ("context", "on", "from_date", "possible", "missing"),
    [
        pytest.param(
            make_case("DE", "FR", donor_consent="given", patient_consent="given"),
            ON,
            None,
            False,
            (),
            id="never-where-a-country-forbids-it",
        ),
        pytest.param(
            make_case(
                centre=CentreOverride(allows_direct_contact=False),
                donor_consent="given",
                patient_consent="given",
            ),
            date(2030, 1, 1),
            None,
            False,
            (),
            id="never-where-the-centre-forbids-it",
        ),
        pytest.param(
            make_case(product="cord", donor_consent="given", patient_consent="given"),
            date(2030, 1, 1),
            None,
            False,
            (),
            id="never-for-cord-blood",
        ),
        pytest.param(
            make_case(last_transplant_date=date(2025, 6, 30), donor_consent="given", patient_consent="given"),
            date(2027, 6, 30),
            date(2027, 6, 30),
            True,
            (),
            id="longer-period-from-the-stricter-anchor-possible-on-the-day",
        ),
        pytest.param(
            make_case(last_transplant_date=date(2025, 6, 30), donor_consent="given", patient_consent="given"),
            date(2027, 6, 29),
            date(2027, 6, 30),
            False,
            (),
            id="not-possible-the-day-before",
        ),
        pytest.param(
            make_case(),
            date(2030, 1, 1),
            date(2027, 3, 10),
            False,
            (
                "the donor's written consent to direct contact",
                "the patient's written consent to direct contact",
            ),
            id="both-consents-missing",
        ),
        pytest.param(
            make_case(donor_consent="withdrawn", patient_consent="given"),
            date(2030, 1, 1),
            date(2027, 3, 10),
            False,
            ("the donor withdrew consent to direct contact",),
            id="withdrawn-consent",
        ),
        pytest.param(
            make_case(
                "GB", "DE", donor_consent="given", patient_consent="given", contact_requested_by="donor"
            ),
            date(2030, 1, 1),
            date(2027, 3, 10),
            False,
            ("a request for direct contact from the patient, who must ask first",),
            id="initiator-recipient-but-the-donor-asked",
        ),
        pytest.param(
            make_case(
                "GB", "DE", donor_consent="given", patient_consent="given", contact_requested_by="patient"
            ),
            date(2030, 1, 1),
            date(2027, 3, 10),
            True,
            (),
            id="initiator-recipient-and-the-patient-asked",
        ),
        pytest.param(
            make_case(
                centre=CentreOverride(min_anonymity_months=36), donor_consent="given", patient_consent="given"
            ),
            date(2027, 6, 1),
            date(2028, 3, 10),
            False,
            (),
            id="centre-asks-for-a-longer-period",
        ),
        pytest.param(
            make_case("GB", "DE", first_transplant_date=date(2024, 2, 29)),
            ON,
            date(2026, 2, 28),
            False,
            (
                "the donor's written consent to direct contact",
                "the patient's written consent to direct contact",
                "a request for direct contact from the patient, who must ask first",
            ),
            id="leap-day-anchor-ends-on-the-months-last-day",
        ),
        pytest.param(
            make_case("KE", "US", donor_consent="given", patient_consent="given"),
            date(2030, 1, 1),
            None,
            False,
            ("a policy on file for KE",),
            id="unknown-country-needs-a-policy",
        ),
        pytest.param(
            make_case(first_transplant_date=None, donor_consent="given", patient_consent="given"),
            ON,
            None,
            False,
            ("a transplant date",),
            id="no-transplant-date-yet",
        ),
    ],
)
def test_it_tells_when_direct_contact_is_possible(
    context: PolicyContext, on: date, from_date: date | None, possible: bool, missing: tuple[str, ...]
) -> None:
    """Direct contact: the date (None for never), whether possible on the day, and what is missing."""
    status = direct_contact(context, on=on)
    assert status.from_date == from_date
    assert status.possible_now is possible
    assert explain_all(status.missing) == missing
    assert status.reasons


def test_it_names_the_forbidding_country_when_contact_is_never_possible() -> None:
    """The reason for "never" names the country and its source."""
    status = direct_contact(make_case("DE", "FR"), on=ON)
    assert status.never is True
    assert status.reasons[0] == reason(
        Code.CONTACT_NEVER_IN_COUNTRY, country="FR", source="legifrance L1211-5", verified=True
    )
    assert "FR" in explain(status.reasons[0]) and "legifrance" in explain(status.reasons[0])


# add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(date(2024, 2, 29), 12, date(2025, 2, 28), id="leap-day-to-non-leap-february"),
        pytest.param(date(2024, 2, 29), 48, date(2028, 2, 29), id="leap-day-to-leap-february"),
        pytest.param(date(2024, 1, 31), 1, date(2024, 2, 29), id="january-31-to-leap-february"),
        pytest.param(date(2023, 1, 31), 1, date(2023, 2, 28), id="january-31-to-february"),
        pytest.param(date(2024, 8, 31), 1, date(2024, 9, 30), id="31st-to-a-30-day-month"),
        pytest.param(date(2024, 12, 15), 1, date(2025, 1, 15), id="across-the-year-end"),
        pytest.param(date(2024, 3, 31), -1, date(2024, 2, 29), id="backwards"),
        pytest.param(date(2024, 5, 17), 0, date(2024, 5, 17), id="zero-months"),
        pytest.param(date(2026, 1, 10), 24, date(2028, 1, 10), id="same-day-two-years-on"),
    ],
)
def test_it_adds_months_ending_on_the_same_day_or_the_months_last(
    start: date, months: int, expected: date
) -> None:
    """A period in months ends on the same day of the month, or on its last day when it has none."""
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(0, 240))
def test_it_adds_months_monotonically(start: date, months: int) -> None:
    """Adding months never goes back, lands in the right month, and never past the starting day."""
    end = add_months(start, months)
    assert end >= start
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day <= start.day


# Combining is never less strict


@st.composite
def country_rules(draw: st.DrawFn, country: str) -> CountryRule:
    direct = draw(st.booleans())
    return CountryRule(
        country=country,
        anonymous_letters=draw(st.booleans()),
        direct_contact=direct,
        anonymity_months=draw(st.integers(0, 60)) if direct else draw(st.none() | st.integers(0, 60)),
        anonymity_anchor=draw(st.sampled_from(["first_transplant", "last_transplant"])),
        initiator=draw(st.sampled_from(["either", "recipient"])),
        max_letters_per_side=draw(st.none() | st.integers(1, 5)),
        letter_window_months=draw(st.none() | st.integers(0, 60)),
        photos=draw(st.booleans()),
        gifts=draw(st.sampled_from(GIFTS)),
        source=f"source for {country}",
        verified=draw(st.booleans()),
    )


def at_most(combined: int | None, single: int | None) -> bool:
    """Return True if a combined cap (None: no cap) is no looser than a single country's cap."""
    return single is None or (combined is not None and combined <= single)


@given(country_rules("DE"), country_rules("US"))
def test_it_combines_rules_never_less_strict_than_either_country(a: CountryRule, b: CountryRule) -> None:
    """Every field of the combined rule is at least as strict as the same field of either country."""
    combined = combine(a, b)
    for single in (a, b):
        assert combined.anonymous_letters <= single.anonymous_letters
        assert combined.direct_contact <= single.direct_contact
        assert combined.photos <= single.photos
        assert GIFTS.index(combined.gifts) <= GIFTS.index(single.gifts)
        if combined.direct_contact:
            assert combined.anonymity_months >= single.anonymity_months
        assert single.anonymity_anchor == "first_transplant" or combined.anonymity_anchor == "last_transplant"
        assert single.initiator == "either" or combined.initiator == "recipient"
        assert at_most(combined.max_letters_per_side, single.max_letters_per_side)
        assert at_most(combined.letter_window_months, single.letter_window_months)
        assert single.verified or not combined.verified


STRICTNESS = {"forward": 0, "hold": 1, "refuse": 2}
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))


@settings(max_examples=300)
@given(
    a=country_rules("DE"),
    b=country_rules("US"),
    first=st.none() | dates,
    later_by=st.integers(0, 800),
    on=dates,
    product=st.sampled_from(["fresh", "cryopreserved", "cord"]),
    requested=st.none() | dates,
    letters_sent=st.integers(0, 6),
    direction=st.sampled_from(["donor_to_patient", "patient_to_donor"]),
    centre=st.builds(
        CentreOverride, st.just("TC1"), st.booleans(), st.booleans(), st.none() | st.integers(0, 60)
    ),
    donor_consent=st.sampled_from([None, "given", "withdrawn"]),
    patient_consent=st.sampled_from([None, "given", "withdrawn"]),
    requested_by=st.sampled_from([None, "donor", "patient"]),
)
def test_it_decides_never_less_strictly_for_two_countries_than_for_either_alone(
    a, b, first, later_by, on, product, requested, letters_sent, direction, centre, donor_consent,
    patient_consent, requested_by,
) -> None:  # fmt: skip
    """With two countries the decision and direct contact are at least as strict as with either alone."""
    facts = {
        "first_transplant_date": first,
        "last_transplant_date": date.fromordinal(first.toordinal() + later_by) if first else None,
        "product": product,
        "requested_date": requested,
        "letters_sent": letters_sent,
        "direction": direction,
        "centre": centre,
        "donor_consent": donor_consent,
        "patient_consent": patient_consent,
        "contact_requested_by": requested_by,
    }
    both = PolicyContext("DE", "US", a, b, **facts)
    decision = decide(both, on=on)
    contact = direct_contact(both, on=on)
    for rule in (a, b):
        alone = PolicyContext(rule.country, rule.country, rule, rule, **facts)
        single = decide(alone, on=on)
        assert STRICTNESS[decision.action] >= STRICTNESS[single.action]
        if decision.action == single.action == "hold" and single.hold_until:
            assert decision.hold_until is None or decision.hold_until >= single.hold_until
        single_contact = direct_contact(alone, on=on)
        assert single_contact.possible_now or not contact.possible_now
        if contact.from_date is not None:
            assert single_contact.from_date is not None
            assert contact.from_date >= single_contact.from_date
        never = contact.from_date is None and not contact.missing
        assert never or set(single_contact.missing) <= set(contact.missing)
