"""Reads for the policy rules: country rows turned into `policies.rules` inputs.

A letter's or a donation's context (and a centre's override) is built by correspondence.selectors:
policies imports nothing of the apps that use it.
"""

from __future__ import annotations

from datetime import date

from policies import rules
from policies.models import CountryRule


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
