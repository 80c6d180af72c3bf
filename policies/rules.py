"""Country policy rules for anonymous correspondence: pure functions over frozen dataclasses.

No Django here (STYLE §3): the caller passes the rules, the facts of the donation and the day
(`on`), as cronsim takes the clock as an argument. `policies.selectors` builds the inputs from
database rows; ../shared/policy/README.md is the specification followed below.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

Action = Literal["forward", "hold", "refuse"]
Direction = Literal["donor_to_patient", "patient_to_donor"]
Product = Literal["fresh", "cryopreserved", "cord"]
Anchor = Literal["first_transplant", "last_transplant"]
Initiator = Literal["either", "recipient"]
Gifts = Literal["no", "small", "yes"]
Side = Literal["donor", "patient"]
Consent = Literal["given", "withdrawn"]

DIRECTIONS: tuple[Direction, ...] = ("donor_to_patient", "patient_to_donor")
PRODUCTS: tuple[Product, ...] = ("fresh", "cryopreserved", "cord")
ANCHORS: tuple[Anchor, ...] = ("first_transplant", "last_transplant")
INITIATORS: tuple[Initiator, ...] = ("either", "recipient")
GIFTS: tuple[Gifts, ...] = ("no", "small", "yes")  # strictest first
SIDES: tuple[Side, ...] = ("donor", "patient")

# Rules that come from the README rather than from a country row, cited by this name.
README_SOURCE = "policy README"


@dataclass(frozen=True)
class CountryRule:
    """One country's rules, or (from `combine`) the stricter of two countries' rules."""

    country: str
    anonymous_letters: bool
    direct_contact: bool
    anonymity_months: int | None
    anonymity_anchor: Anchor = "first_transplant"
    initiator: Initiator = "either"
    max_letters_per_side: int | None = None
    letter_window_months: int | None = None
    photos: bool = False
    gifts: Gifts = "no"
    registry: str = ""
    source: str = ""
    verified: bool = True

    def __post_init__(self) -> None:
        if self.direct_contact and self.anonymity_months is None:
            raise ValueError(f"{self.country}: direct contact allowed but no anonymity period given")
        if self.anonymity_anchor not in ANCHORS:
            raise ValueError(f"{self.country}: unknown anonymity anchor {self.anonymity_anchor!r}")
        if self.initiator not in INITIATORS:
            raise ValueError(f"{self.country}: unknown initiator {self.initiator!r}")
        if self.gifts not in GIFTS:
            raise ValueError(f"{self.country}: unknown gifts value {self.gifts!r}")

    @property
    def citation(self) -> str:
        """Return "source: …" with "unverified" appended when staff have not confirmed the row."""
        text = f"source: {self.source or 'none given'}"
        return text if self.verified else f"{text}; unverified"


@dataclass(frozen=True)
class CentreOverride:
    """A transplant centre's own rules, which can only make the countries' rules stricter."""

    code: str = ""
    allows_anonymous_correspondence: bool = True
    allows_direct_contact: bool = True
    min_anonymity_months: int | None = None


@dataclass(frozen=True)
class PolicyContext:
    """Everything a decision depends on except the day; a rule of None means no policy on file."""

    donor_country: str
    recipient_country: str
    donor_rule: CountryRule | None
    recipient_rule: CountryRule | None
    first_transplant_date: date | None
    last_transplant_date: date | None = None
    product: Product = "fresh"
    requested_date: date | None = None
    letters_sent: int = 0  # letters the writer's side has already sent (approved or further)
    direction: Direction = "donor_to_patient"
    centre: CentreOverride = CentreOverride()
    donor_consent: Consent | None = None
    patient_consent: Consent | None = None
    contact_requested_by: Side | None = None

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}")
        if self.product not in PRODUCTS:
            raise ValueError(f"unknown product {self.product!r}")
        if self.letters_sent < 0:
            raise ValueError("letters_sent cannot be negative")

    @property
    def writer(self) -> Side:
        """Return the side writing the letter: "donor" or "patient"."""
        return "donor" if self.direction == "donor_to_patient" else "patient"

    @property
    def anchor_last_transplant_date(self) -> date | None:
        """Return the last transplant date, falling back to the first when no later one is recorded."""
        return self.last_transplant_date or self.first_transplant_date

    def rules(self) -> list[tuple[str, CountryRule | None]]:
        """Return (country, rule or None) for the writer's country first, each country once."""
        donor = (self.donor_country, self.donor_rule)
        recipient = (self.recipient_country, self.recipient_rule)
        pairs = [donor, recipient] if self.writer == "donor" else [recipient, donor]
        if self.donor_country == self.recipient_country:
            pairs = pairs[:1]
        return pairs


@dataclass(frozen=True)
class Decision:
    """What happens to a letter on a given day, and why (each reason names rule, country, source)."""

    action: Action
    reasons: tuple[str, ...]
    hold_until: date | None = None
    hold_condition: str | None = None
    english_required: bool = False


@dataclass(frozen=True)
class ContactStatus:
    """From when direct contact could be possible (None: never), whether it is now, what is missing."""

    from_date: date | None
    possible_now: bool
    missing: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


def add_months(d: date, n: int) -> date:
    """Return `d` plus `n` months, on the same day or the month's last day (2024-02-29 + 12 = 2025-02-28)."""
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _smaller(a: int | None, b: int | None) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return min(values) if values else None


def combine(rule_a: CountryRule, rule_b: CountryRule) -> CountryRule:
    """Return the stricter of two countries' rules, field by field, as the README's table says."""
    if rule_a == rule_b:
        return rule_a
    direct_contact = rule_a.direct_contact and rule_b.direct_contact
    return CountryRule(
        country=f"{rule_a.country}+{rule_b.country}",
        anonymous_letters=rule_a.anonymous_letters and rule_b.anonymous_letters,
        direct_contact=direct_contact,
        anonymity_months=(
            max(rule_a.anonymity_months or 0, rule_b.anonymity_months or 0) if direct_contact else None
        ),
        # The last transplant gives the later date, so it is the stricter anchor.
        anonymity_anchor=(
            "last_transplant"
            if "last_transplant" in (rule_a.anonymity_anchor, rule_b.anonymity_anchor)
            else "first_transplant"
        ),
        initiator="recipient" if "recipient" in (rule_a.initiator, rule_b.initiator) else "either",
        max_letters_per_side=_smaller(rule_a.max_letters_per_side, rule_b.max_letters_per_side),
        letter_window_months=_smaller(rule_a.letter_window_months, rule_b.letter_window_months),
        photos=rule_a.photos and rule_b.photos,
        gifts=GIFTS[min(GIFTS.index(rule_a.gifts), GIFTS.index(rule_b.gifts))],
        registry=" / ".join(r for r in (rule_a.registry, rule_b.registry) if r),
        source=f"{rule_a.country}: {rule_a.source}; {rule_b.country}: {rule_b.source}",
        verified=rule_a.verified and rule_b.verified,
    )


def combined_rule(context: PolicyContext) -> CountryRule | None:
    """Return the stricter of the two countries' rules, or None when either has no policy on file."""
    if context.donor_rule is None or context.recipient_rule is None:
        return None
    return combine(context.donor_rule, context.recipient_rule)


def english_required(context: PolicyContext) -> bool:
    """Return True when the two countries differ, so the letter must be in English (or translated)."""
    return context.donor_country.upper() != context.recipient_country.upper()


def photos_allowed(context: PolicyContext) -> bool:
    """Return True if photos may travel while anonymous: both countries allow them (none unknown)."""
    rule = combined_rule(context)
    return rule is not None and rule.photos


def gifts_allowed(context: PolicyContext) -> Gifts:
    """Return the combined gifts rule, "no" when a country has no policy on file (flag gift mentions)."""
    rule = combined_rule(context)
    return rule.gifts if rule is not None else "no"


def _refusals(context: PolicyContext, *, on: date) -> list[str]:
    reasons = []
    writer = context.writer
    known = [rule for _, rule in context.rules() if rule is not None]
    for rule in known:
        if not rule.anonymous_letters:
            reasons.append(
                f"Refused: {rule.country} allows no anonymous letters "
                f"(rule anonymous_letters, {rule.country}; {rule.citation})."
            )
    if not context.centre.allows_anonymous_correspondence:
        reasons.append(
            f"Refused: transplant centre {context.centre.code or '(unnamed)'} allows no anonymous "
            f"correspondence (rule centre override allows_anonymous_correspondence, "
            f"{context.recipient_country}; source: the centre's record)."
        )
    if context.product == "cord":
        reasons.append(
            "Refused: no letters are exchanged about a cord blood donation "
            f"(rule product cord, every country; source: {README_SOURCE}, NMDP)."
        )
    for rule in known:
        cap = rule.max_letters_per_side
        if cap is not None and context.letters_sent >= cap:
            reasons.append(
                f"Refused: the {writer}'s side has already sent {context.letters_sent} "
                f"letter{'s' if context.letters_sent != 1 else ''} and {rule.country} allows at most "
                f"{cap} each way (rule max_letters_per_side, {rule.country}; {rule.citation})."
            )
    first = context.first_transplant_date
    for rule in known:
        window = rule.letter_window_months
        # Counted from the first transplant (the collection), the earlier and so stricter date.
        if window is not None and first is not None and on > add_months(first, window):
            reasons.append(
                f"Refused: {rule.country} allows anonymous letters only within {window} months of the "
                f"transplant on {first.isoformat()}; that window ended on "
                f"{add_months(first, window).isoformat()} (rule letter_window_months, {rule.country}; "
                f"{rule.citation})."
            )
    return reasons


def _conditions(context: PolicyContext, *, on: date) -> list[tuple[str, str]]:
    """Return (condition, reason) pairs for step 2 of the README: hold until a condition is met."""
    held = []
    for country, rule in context.rules():
        if rule is None:
            held.append(
                (
                    f"a caseworker's decision (no policy on file for {country})",
                    f"Held for a caseworker: no policy on file for {country} "
                    f"(rule unknown country, {country}; source: {README_SOURCE}).",
                )
            )
    if context.product == "cryopreserved" and (context.requested_date is None or context.requested_date > on):
        held.append(
            (
                "the cryopreserved product is requested for this patient",
                "Held: the cryopreserved product has not yet been requested for this patient "
                f"(rule product cryopreserved, every country; source: {README_SOURCE}, NMDP).",
            )
        )
    return held


def _unverified_notes(context: PolicyContext) -> list[str]:
    return [
        f"Note: the rule for {rule.country} is not verified by staff ({rule.citation})."
        for _, rule in context.rules()
        if rule is not None and not rule.verified
    ]


def decide(context: PolicyContext, *, on: date) -> Decision:
    """Return whether a letter is forwarded, held (until a date or a condition) or refused on day `on`.

    Checked in the README's order; the first step that applies decides, and its reasons list
    every check of that step which applies (all refusals, all conditions).
    """
    english = english_required(context)
    notes = _unverified_notes(context)

    refusals = _refusals(context, on=on)
    if refusals:
        return Decision("refuse", tuple(refusals + notes), english_required=english)

    conditions = _conditions(context, on=on)
    if conditions:
        return Decision(
            "hold",
            tuple([reason for _, reason in conditions] + notes),
            hold_condition="; ".join(condition for condition, _ in conditions),
            english_required=english,
        )

    first = context.first_transplant_date
    if first is None:
        return Decision(
            "hold",
            (
                "Held: no transplant date is on file; letters may travel from the day of transplant "
                f"(rule transplant date, every country; source: {README_SOURCE}).",
                *notes,
            ),
            hold_condition="the transplant date is recorded",
            english_required=english,
        )
    if on < first:
        return Decision(
            "hold",
            (
                f"Held until {first.isoformat()}: letters may travel from the day of transplant "
                f"(rule transplant date, every country; source: {README_SOURCE}).",
                *notes,
            ),
            hold_until=first,
            english_required=english,
        )

    allowed = " and ".join(
        f"{rule.country} ({rule.citation})" for _, rule in context.rules() if rule is not None
    )
    return Decision(
        "forward",
        (f"Forward anonymously after review: {allowed} allow anonymous letters.", *notes),
        english_required=english,
    )


def _consent_missing(side: Side, consent: Consent | None) -> str | None:
    if consent == "given":
        return None
    if consent == "withdrawn":
        return f"the {side} withdrew consent to direct contact"
    return f"the {side}'s written consent to direct contact"


def direct_contact(context: PolicyContext, *, on: date) -> ContactStatus:
    """Return from which date direct contact could be possible (None: never), if it is now, what is missing.

    Possible from the anchor date plus the longer anonymity period of the two countries and the
    centre, when both countries and the centre allow it, both sides consented (and did not
    withdraw), and, where a country wants the recipient to ask first, the patient asked first.
    """
    unknown = [country for country, rule in context.rules() if rule is None]
    if unknown:
        return ContactStatus(
            from_date=None,
            possible_now=False,
            missing=tuple(f"a policy on file for {country}" for country in unknown),
            reasons=tuple(f"No policy on file for {country}." for country in unknown),
        )

    never = [
        f"{rule.country} never allows direct contact (rule direct_contact, {rule.country}; {rule.citation})."
        for _, rule in context.rules()
        if rule is not None and not rule.direct_contact
    ]
    if not context.centre.allows_direct_contact:
        never.append(
            f"Transplant centre {context.centre.code or '(unnamed)'} allows no direct contact "
            "(rule centre override allows_direct_contact; source: the centre's record)."
        )
    if context.product == "cord":
        never.append(
            "Cord blood donations never allow contact "
            f"(rule product cord, every country; source: {README_SOURCE}, NMDP)."
        )
    if never:
        return ContactStatus(from_date=None, possible_now=False, reasons=tuple(never))

    rule = combined_rule(context)
    assert rule is not None and rule.anonymity_months is not None  # unknown and never returned above
    months = max(rule.anonymity_months, context.centre.min_anonymity_months or 0)
    if rule.anonymity_anchor == "last_transplant":
        anchor = context.anchor_last_transplant_date
    else:
        anchor = context.first_transplant_date

    reasons = [
        f"Direct contact needs {months} months from the {rule.anonymity_anchor.replace('_', ' ')} "
        f"(rule anonymity_months and anonymity_anchor, {rule.country}; {rule.citation})."
    ]
    missing = []
    if anchor is None:
        missing.append("a transplant date")
    for side, consent in (("donor", context.donor_consent), ("patient", context.patient_consent)):
        gap = _consent_missing(side, consent)
        if gap:
            missing.append(gap)
    if rule.initiator == "recipient":
        strict = [r.country for _, r in context.rules() if r is not None and r.initiator == "recipient"]
        verb = "wants" if len(strict) == 1 else "want"
        reasons.append(
            f"{' and '.join(strict)} {verb} the recipient to ask first (rule initiator, "
            f"{' and '.join(strict)}; {rule.citation})."
        )
        if context.contact_requested_by != "patient":
            missing.append("a request for direct contact from the patient, who must ask first")

    from_date = add_months(anchor, months) if anchor is not None else None
    possible = from_date is not None and on >= from_date and not missing
    return ContactStatus(
        from_date=from_date, possible_now=possible, missing=tuple(missing), reasons=tuple(reasons)
    )
