"""Building a letter's or a donation's PolicyContext from the records (the letter-to-policy bridge)."""

from datetime import date

import pytest

from clinics.models import TransplantCentre
from correspondence.models import Consent, Letter
from correspondence.selectors import policy_context_for_donation, policy_context_for_letter
from correspondence.services.consent import consent_record
from donors.models import Infusion
from policies import rules
from policies.explain import explain
from policies.models import CountryRule
from policies.selectors import country_rule_get
from policies.services import country_rules_load
from tests.factories import DonationFactory, LetterFactory, PatientFactory, TransplantCentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seeded() -> None:
    country_rules_load()


SUBMITTED_AT = "2026-03-02T09:00:00+00:00"


@pytest.fixture(autouse=True)
def _seeded() -> None:
    country_rules_load()


@pytest.fixture
def donation():
    centre = TransplantCentreFactory(
        country="CH",
        allows_anonymous_correspondence=True,
        allows_direct_contact=False,
        min_anonymity_months=30,
    )
    donation = DonationFactory(
        donor__registry_country="DE",
        patient=PatientFactory(centre=centre),
        product="cryopreserved",
        first_transplant_date=date(2026, 3, 1),
        requested_date=date(2026, 2, 1),
    )
    Infusion.objects.create(donation=donation, date=date(2026, 9, 1))
    return donation


def letter(donation, status: str, direction: str = "donor_to_patient") -> Letter:
    submitted = None if status == "draft" else SUBMITTED_AT
    return LetterFactory(donation=donation, status=status, direction=direction, submitted_at=submitted)


def test_it_builds_a_context_from_a_letter(donation) -> None:
    """Countries, dates, product, centre override and the letter's direction come from the records."""
    context = policy_context_for_letter(letter=letter(donation, "in_review"))

    assert (context.donor_country, context.recipient_country) == ("DE", "CH")
    assert context.donor_rule == country_rule_get("DE")
    assert context.recipient_rule == country_rule_get("CH")
    assert context.first_transplant_date == date(2026, 3, 1)
    assert context.last_transplant_date == date(2026, 9, 1)
    assert (context.product, context.requested_date) == ("cryopreserved", date(2026, 2, 1))
    assert context.direction == "donor_to_patient"
    assert context.centre == rules.CentreOverride(
        code=donation.patient.centre.code,
        allows_anonymous_correspondence=True,
        allows_direct_contact=False,
        min_anonymity_months=30,
    )
    assert context.letters_sent == 0


@pytest.mark.parametrize(
    ("status", "counted"),
    [
        pytest.param("draft", False, id="draft"),
        pytest.param("submitted", False, id="submitted"),
        pytest.param("in_review", False, id="in-review"),
        pytest.param("approved", True, id="approved"),
        pytest.param("held", True, id="held"),
        pytest.param("forwarded", True, id="forwarded"),
        pytest.param("delivered", True, id="delivered"),
        pytest.param("returned", False, id="returned"),
        pytest.param("refused", False, id="refused"),
        pytest.param("withdrawn", False, id="withdrawn"),
    ],
)
def test_it_counts_letters_the_side_has_sent(donation, status: str, counted: bool) -> None:
    """Only letters approved or further count against a side's cap."""
    letter(donation, status)
    context = policy_context_for_donation(donation=donation, direction="donor_to_patient")
    assert context.letters_sent == (1 if counted else 0)


def test_it_counts_only_the_writers_side_and_never_the_letter_itself(donation) -> None:
    """A held letter deciding again at release does not count itself, nor the other side's letters."""
    letter(donation, "forwarded", direction="patient_to_donor")
    letter(donation, "forwarded")
    held = letter(donation, "held")

    context = policy_context_for_letter(letter=held)

    assert context.letters_sent == 1
    assert policy_context_for_donation(donation=donation, direction="patient_to_donor").letters_sent == 1


def test_it_counts_letters_across_donations_between_the_same_two(donation) -> None:
    """A second donation to the same patient shares the cap: it is one correspondence."""
    second = DonationFactory(donor=donation.donor, patient=donation.patient)
    letter(second, "delivered")
    letter(DonationFactory(donor=donation.donor), "delivered")  # another patient

    assert policy_context_for_donation(donation=donation, direction="donor_to_patient").letters_sent == 1


def test_it_refuses_a_second_letter_to_switzerland(donation) -> None:
    """End to end: CH allows one letter each way, so the second from the donor is refused."""
    letter(donation, "forwarded")
    second = letter(donation, "in_review")

    decision = rules.decide(policy_context_for_letter(letter=second), on=date(2026, 10, 1))

    assert decision.action == "refuse"
    assert decision.reasons[0]["country"] == "CH" and "CH" in explain(decision.reasons[0])


def test_it_passes_both_sides_consent_through(donation) -> None:
    """Each side's newest consent, and the side that gave consent first, come from the records."""
    for side, status in (("donor", "given"), ("patient", "given"), ("patient", "withdrawn")):
        consent_record(donation=donation, side=side, status=status, source="test")

    context = policy_context_for_donation(donation=donation, direction="patient_to_donor")

    assert (context.donor_consent, context.patient_consent, context.contact_requested_by) == (
        Consent.Status.GIVEN,
        Consent.Status.WITHDRAWN,
        Consent.Side.DONOR,
    )


def test_it_leaves_a_country_without_rules_unknown(donation) -> None:
    """A centre in a country with no row gives a context the rules hold for a caseworker."""
    TransplantCentre.objects.filter(pk=donation.patient.centre.pk).update(country="KE")
    CountryRule.objects.filter(country="KE").delete()
    donation.patient.centre.refresh_from_db()

    context = policy_context_for_donation(donation=donation, direction="donor_to_patient")

    assert context.recipient_rule is None
    assert rules.decide(context, on=date(2026, 10, 1)).action == "hold"
