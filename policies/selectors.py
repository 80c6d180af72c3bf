"""Reads for the policy rules: database rows and donations turned into `policies.rules` inputs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from policies import rules
from policies.models import CountryRule

if TYPE_CHECKING:
    from clinics.models import TransplantCentre
    from correspondence.models import Letter
    from donors.models import Donation

# A letter counts against a side's cap once a caseworker approved it (a held letter has been approved).
COUNTED_STATUSES = ("approved", "held", "forwarded", "delivered")


def country_rule_from_row(row: CountryRule) -> rules.CountryRule:
    """Return the pure rule for a CountryRule row."""
    return rules.CountryRule(
        country=row.country,
        anonymous_letters=row.anonymous_letters,
        direct_contact=row.direct_contact,
        anonymity_months=row.anonymity_months,
        anonymity_anchor=row.anonymity_anchor,
        initiator=row.initiator,
        max_letters_per_side=row.max_letters_per_side,
        letter_window_months=row.letter_window_months,
        photos=row.photos,
        gifts=row.gifts,
        registry=row.registry,
        source=row.source,
        verified=row.verified,
    )


def country_rule_get(code: str) -> rules.CountryRule | None:
    """Return the rule on file for a country code, or None when there is none."""
    row = CountryRule.objects.filter(country=code.upper()).first()
    return country_rule_from_row(row) if row else None


def rules_for(*codes: str) -> dict[str, rules.CountryRule | None]:
    """Return {code: rule or None} for the given country codes, in one query."""
    wanted = {code.upper() for code in codes}
    found = {
        row.country: country_rule_from_row(row) for row in CountryRule.objects.filter(country__in=wanted)
    }
    return {code.upper(): found.get(code.upper()) for code in codes}


def centre_override_for(centre: TransplantCentre) -> rules.CentreOverride:
    """Return a transplant centre's own, stricter rules as a pure CentreOverride."""
    return rules.CentreOverride(
        code=centre.code,
        allows_anonymous_correspondence=centre.allows_anonymous_correspondence,
        allows_direct_contact=centre.allows_direct_contact,
        min_anonymity_months=centre.min_anonymity_months,
    )


def policy_context_from_values(
    *,
    donor_country: str,
    recipient_country: str,
    first_transplant_date: date | None,
    last_transplant_date: date | None = None,
    product: rules.Product = "fresh",
    requested_date: date | None = None,
    letters_sent: int = 0,
    direction: rules.Direction = "donor_to_patient",
    centre: rules.CentreOverride | None = None,
    donor_consent: rules.Consent | None = None,
    patient_consent: rules.Consent | None = None,
    contact_requested_by: rules.Side | None = None,
    country_rules: dict[str, rules.CountryRule | None] | None = None,
) -> rules.PolicyContext:
    """Return a PolicyContext from plain values, the two countries' rules read from the database
    (or from `country_rules`, {code: rule or None} from rules_for, when the caller read them already)."""
    found = country_rules if country_rules is not None else rules_for(donor_country, recipient_country)
    return rules.PolicyContext(
        donor_country=donor_country.upper(),
        recipient_country=recipient_country.upper(),
        donor_rule=found[donor_country.upper()],
        recipient_rule=found[recipient_country.upper()],
        first_transplant_date=first_transplant_date,
        last_transplant_date=last_transplant_date,
        product=product,
        requested_date=requested_date,
        letters_sent=letters_sent,
        direction=direction,
        centre=centre or rules.CentreOverride(),
        donor_consent=donor_consent,
        patient_consent=patient_consent,
        contact_requested_by=contact_requested_by,
    )


def letters_sent_count(*, donation: Donation, direction: str, exclude_letter_id: int | None = None) -> int:
    """Return how many letters this side has sent to the other, counting every donation between them.

    Counted: letters approved, held, forwarded or delivered (COUNTED_STATUSES); a transplant
    centre's health updates are not the patient's letters and do not count. One query.
    """
    from correspondence.models import Letter  # correspondence depends on policies, not the reverse

    letters = Letter.objects.filter(
        donation__donor_id=donation.donor_id,
        donation__patient_id=donation.patient_id,
        direction=direction,
        status__in=COUNTED_STATUSES,
        kind="letter",
    )
    if exclude_letter_id is not None:
        letters = letters.exclude(pk=exclude_letter_id)
    return letters.count()


def policy_context_for_donation(
    donation: Donation,
    direction: rules.Direction,
    *,
    exclude_letter_id: int | None = None,
    donor_consent: rules.Consent | None = None,
    patient_consent: rules.Consent | None = None,
    contact_requested_by: rules.Side | None = None,
) -> rules.PolicyContext:
    """Return the PolicyContext for a new letter on a donation going in `direction`.

    Consent inputs are parameters until consent records exist. Costs a few queries: the
    patient and centre (use select_related), infusions, the letters count and the rules.
    """
    centre = donation.patient.centre
    return policy_context_from_values(
        donor_country=donation.donor.registry_country,
        recipient_country=centre.country,
        first_transplant_date=donation.first_transplant_date,
        last_transplant_date=donation.last_transplant_date,
        product=donation.product,
        requested_date=donation.requested_date,
        letters_sent=letters_sent_count(
            donation=donation, direction=direction, exclude_letter_id=exclude_letter_id
        ),
        direction=direction,
        centre=centre_override_for(centre),
        donor_consent=donor_consent,
        patient_consent=patient_consent,
        contact_requested_by=contact_requested_by,
    )


def policy_context_for_letter(
    letter: Letter,
    *,
    donor_consent: rules.Consent | None = None,
    patient_consent: rules.Consent | None = None,
    contact_requested_by: rules.Side | None = None,
) -> rules.PolicyContext:
    """Return the PolicyContext for a letter; the letter itself never counts against its side's cap."""
    return policy_context_for_donation(
        letter.donation,
        letter.direction,
        exclude_letter_id=letter.pk,
        donor_consent=donor_consent,
        patient_consent=patient_consent,
        contact_requested_by=contact_requested_by,
    )
