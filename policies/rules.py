"""Country policy rules for anonymous correspondence: pure functions over frozen dataclasses.

No Django here (STYLE §3): the caller passes the rules, the facts of the donation and the day
(`on`), as cronsim takes the clock as an argument. `policies.selectors` builds the inputs from
database rows; ../shared/policy/README.md is the specification followed below.

Decisions speak in codes: each reason is a `Reason`, a `Code` with the facts it names (country,
counts, dates, the rule's source), and no words. Staff read them through `policies.explain`;
writers through `correspondence.words`, translated with gettext.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal

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


class Code(StrEnum):
    """Why a decision or a contact status says what it says: one code per rule that can apply."""

    # A decision's refusals.
    NO_ANONYMOUS_LETTERS = "no_anonymous_letters"  # country, source, verified
    CENTRE_NO_ANONYMOUS_LETTERS = "centre_no_anonymous_letters"  # centre, country
    CORD_BLOOD_NO_LETTERS = "cord_blood_no_letters"
    LETTER_CAP_REACHED = "letter_cap_reached"  # side, sent, cap, country, source, verified
    LETTER_WINDOW_ENDED = "letter_window_ended"  # country, months, transplant, ended, source, verified
    # A decision's holds (each but the transplant day is also the condition the letter waits for).
    NO_POLICY_ON_FILE = "no_policy_on_file"  # country
    CRYOPRESERVED_NOT_REQUESTED = "cryopreserved_not_requested"
    NO_TRANSPLANT_DATE = "no_transplant_date"
    BEFORE_TRANSPLANT = "before_transplant"  # transplant
    # A decision to forward.
    ANONYMOUS_LETTERS_ALLOWED = "anonymous_letters_allowed"  # rules: ((country, source, verified), ...)
    # A note for staff, beside any decision.
    RULE_UNVERIFIED = "rule_unverified"  # country, source
    # Direct contact: why it is never possible, or from when.
    CONTACT_NO_POLICY = "contact_no_policy"  # country
    CONTACT_NEVER_IN_COUNTRY = "contact_never_in_country"  # country, source, verified
    CONTACT_NEVER_AT_CENTRE = "contact_never_at_centre"  # centre
    CONTACT_NEVER_CORD_BLOOD = "contact_never_cord_blood"
    ANONYMITY_PERIOD = "anonymity_period"  # months, anchor, country, source, verified
    RECIPIENT_ASKS_FIRST = "recipient_asks_first"  # countries, source, verified
    # Direct contact: what is still missing.
    MISSING_POLICY = "missing_policy"  # country
    MISSING_TRANSPLANT_DATE = "missing_transplant_date"
    MISSING_CONSENT = "missing_consent"  # side
    CONSENT_WITHDRAWN = "consent_withdrawn"  # side
    MISSING_PATIENT_REQUEST = "missing_patient_request"
    # The patient's side, whatever the countries (correspondence.selectors.decision_with_standing).
    PATIENT_DECLINED_CONTACT = "patient_declined_contact"
    LETTERS_STOPPED = "letters_stopped"  # a caseworker's decision after news from the centre
    PATIENT_NEWS = "patient_news"  # news from the centre a caseworker has not decided on yet
    MISSING_PATIENT_WISH = "missing_patient_wish"  # the patient declined contact
    MISSING_LETTERS_RESUMED = "missing_letters_resumed"  # letters were stopped


# The holds that wait for a condition rather than a date: the condition is the reason's own.
HOLD_CONDITIONS = frozenset(
    {Code.PATIENT_NEWS, Code.NO_POLICY_ON_FILE, Code.CRYOPRESERVED_NOT_REQUESTED, Code.NO_TRANSPLANT_DATE}
)


@dataclass(frozen=True)
class Reason:
    """One reason of a decision or a contact status: its code and the facts it names, no words."""

    code: Code
    facts: dict[str, Any] = field(default_factory=dict, hash=False)

    def __getitem__(self, name: str) -> Any:
        return self.facts[name]


def reason(code: Code, **facts: Any) -> Reason:
    """Return the Reason of `code` naming these facts."""
    return Reason(code, facts)


def codes(reasons: Iterable[Reason]) -> tuple[Code, ...]:
    """Return the codes of these reasons, in order."""
    return tuple(r.code for r in reasons)


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
    def cited(self) -> dict[str, Any]:
        """Return the facts citing this rule in a Reason: its country, its source, whether it is verified."""
        return {"country": self.country, "source": self.source, "verified": self.verified}


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
    reasons: tuple[Reason, ...]
    hold_until: date | None = None
    english_required: bool = False

    @property
    def conditions(self) -> tuple[Reason, ...]:
        """Return the conditions a held letter waits for (none for a hold until a date, or no hold)."""
        if self.action != "hold":
            return ()
        return tuple(r for r in self.reasons if r.code in HOLD_CONDITIONS)


@dataclass(frozen=True)
class ContactStatus:
    """From when direct contact could be possible (None: never), whether it is now, what is missing."""

    from_date: date | None
    possible_now: bool
    missing: tuple[Reason, ...] = ()
    reasons: tuple[Reason, ...] = ()

    @property
    def never(self) -> bool:
        """Return True when direct contact can never happen (not merely not yet, or not known yet)."""
        return self.from_date is None and not self.missing


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


def _refusals(context: PolicyContext, *, on: date) -> list[Reason]:
    reasons = []
    known = [rule for _, rule in context.rules() if rule is not None]
    for rule in known:
        if not rule.anonymous_letters:
            reasons.append(reason(Code.NO_ANONYMOUS_LETTERS, **rule.cited))
    if not context.centre.allows_anonymous_correspondence:
        reasons.append(
            reason(
                Code.CENTRE_NO_ANONYMOUS_LETTERS,
                centre=context.centre.code,
                country=context.recipient_country,
            )
        )
    if context.product == "cord":
        reasons.append(reason(Code.CORD_BLOOD_NO_LETTERS))
    for rule in known:
        cap = rule.max_letters_per_side
        if cap is not None and context.letters_sent >= cap:
            reasons.append(
                reason(
                    Code.LETTER_CAP_REACHED,
                    side=context.writer,
                    sent=context.letters_sent,
                    cap=cap,
                    **rule.cited,
                )
            )
    first = context.first_transplant_date
    for rule in known:
        window = rule.letter_window_months
        # Counted from the first transplant (the collection), the earlier and so stricter date.
        if window is not None and first is not None and on > add_months(first, window):
            reasons.append(
                reason(
                    Code.LETTER_WINDOW_ENDED,
                    months=window,
                    transplant=first,
                    ended=add_months(first, window),
                    **rule.cited,
                )
            )
    return reasons


def _conditions(context: PolicyContext, *, on: date) -> list[Reason]:
    """Return the reasons of step 2 of the README: hold until a condition is met."""
    held = [
        reason(Code.NO_POLICY_ON_FILE, country=country) for country, rule in context.rules() if rule is None
    ]
    if context.product == "cryopreserved" and (context.requested_date is None or context.requested_date > on):
        held.append(reason(Code.CRYOPRESERVED_NOT_REQUESTED))
    return held


def _unverified_notes(context: PolicyContext) -> list[Reason]:
    return [
        reason(Code.RULE_UNVERIFIED, country=rule.country, source=rule.source)
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
        return Decision("hold", tuple(conditions + notes), english_required=english)

    first = context.first_transplant_date
    if first is None:
        return Decision("hold", (reason(Code.NO_TRANSPLANT_DATE), *notes), english_required=english)
    if on < first:
        return Decision(
            "hold",
            (reason(Code.BEFORE_TRANSPLANT, transplant=first), *notes),
            hold_until=first,
            english_required=english,
        )

    allowed = tuple(
        (rule.country, rule.source, rule.verified) for _, rule in context.rules() if rule is not None
    )
    return Decision(
        "forward", (reason(Code.ANONYMOUS_LETTERS_ALLOWED, rules=allowed), *notes), english_required=english
    )


def _consent_missing(side: Side, consent: Consent | None) -> Reason | None:
    if consent == "given":
        return None
    if consent == "withdrawn":
        return reason(Code.CONSENT_WITHDRAWN, side=side)
    return reason(Code.MISSING_CONSENT, side=side)


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
            missing=tuple(reason(Code.MISSING_POLICY, country=country) for country in unknown),
            reasons=tuple(reason(Code.CONTACT_NO_POLICY, country=country) for country in unknown),
        )

    never = [
        reason(Code.CONTACT_NEVER_IN_COUNTRY, **rule.cited)
        for _, rule in context.rules()
        if rule is not None and not rule.direct_contact
    ]
    if not context.centre.allows_direct_contact:
        never.append(reason(Code.CONTACT_NEVER_AT_CENTRE, centre=context.centre.code))
    if context.product == "cord":
        never.append(reason(Code.CONTACT_NEVER_CORD_BLOOD))
    if never:
        return ContactStatus(from_date=None, possible_now=False, reasons=tuple(never))

    rule = combined_rule(context)
    assert rule is not None and rule.anonymity_months is not None  # unknown and never returned above
    months = max(rule.anonymity_months, context.centre.min_anonymity_months or 0)
    if rule.anonymity_anchor == "last_transplant":
        anchor = context.anchor_last_transplant_date
    else:
        anchor = context.first_transplant_date

    reasons = [reason(Code.ANONYMITY_PERIOD, months=months, anchor=rule.anonymity_anchor, **rule.cited)]
    missing = []
    if anchor is None:
        missing.append(reason(Code.MISSING_TRANSPLANT_DATE))
    for side, consent in (("donor", context.donor_consent), ("patient", context.patient_consent)):
        gap = _consent_missing(side, consent)
        if gap:
            missing.append(gap)
    if rule.initiator == "recipient":
        strict = tuple(r.country for _, r in context.rules() if r is not None and r.initiator == "recipient")
        reasons.append(
            reason(Code.RECIPIENT_ASKS_FIRST, countries=strict, source=rule.source, verified=rule.verified)
        )
        if context.contact_requested_by != "patient":
            missing.append(reason(Code.MISSING_PATIENT_REQUEST))

    from_date = add_months(anchor, months) if anchor is not None else None
    possible = from_date is not None and on >= from_date and not missing
    return ContactStatus(
        from_date=from_date, possible_now=possible, missing=tuple(missing), reasons=tuple(reasons)
    )
