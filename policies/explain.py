"""The rules' reasons in staff's words: one English sentence per `rules.Reason`, citing rule and source.

Pure, like the rules (cronsim's `explain` turns an expression into a sentence the same way): the
decision carries codes and facts, and this module alone words them for staff, the audit trail,
the clinic API and `manage.py policy_decision`. Writers read other words, translated:
`correspondence.words`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from policies.rules import Code, Decision, Reason

# Rules that come from the README rather than from a country row, cited by this name.
README_SOURCE = "policy README"
CENTRE_SOURCE = "source: the centre's record"


def citation(*, source: str, verified: bool = True) -> str:
    """Return "source: …" with "unverified" appended when staff have not confirmed the rule."""
    text = f"source: {source or 'none given'}"
    return text if verified else f"{text}; unverified"


def _cited(r: Reason) -> str:
    return citation(source=r["source"], verified=r["verified"])


def _centre(r: Reason) -> str:
    return r["centre"] or "(unnamed)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _letter_cap(r: Reason) -> str:
    return (
        f"Refused: the {r['side']}'s side has already sent {_plural(r['sent'], 'letter')} and "
        f"{r['country']} allows at most {r['cap']} each way "
        f"(rule max_letters_per_side, {r['country']}; {_cited(r)})."
    )


def _letter_window(r: Reason) -> str:
    return (
        f"Refused: {r['country']} allows anonymous letters only within {r['months']} months of the "
        f"transplant on {r['transplant'].isoformat()}; that window ended on {r['ended'].isoformat()} "
        f"(rule letter_window_months, {r['country']}; {_cited(r)})."
    )


def _allowed(r: Reason) -> str:
    allowed = " and ".join(
        f"{country} ({citation(source=source, verified=verified)})"
        for country, source, verified in r["rules"]
    )
    return f"Forward anonymously after review: {allowed} allow anonymous letters."


def _recipient_asks_first(r: Reason) -> str:
    countries = " and ".join(r["countries"])
    verb = "wants" if len(r["countries"]) == 1 else "want"
    return f"{countries} {verb} the recipient to ask first (rule initiator, {countries}; {_cited(r)})."


SENTENCES: dict[Code, Callable[[Reason], str]] = {
    Code.NO_ANONYMOUS_LETTERS: lambda r: (
        f"Refused: {r['country']} allows no anonymous letters "
        f"(rule anonymous_letters, {r['country']}; {_cited(r)})."
    ),
    Code.CENTRE_NO_ANONYMOUS_LETTERS: lambda r: (
        f"Refused: transplant centre {_centre(r)} allows no anonymous correspondence (rule centre "
        f"override allows_anonymous_correspondence, {r['country']}; {CENTRE_SOURCE})."
    ),
    Code.CORD_BLOOD_NO_LETTERS: lambda r: (
        "Refused: no letters are exchanged about a cord blood donation "
        f"(rule product cord, every country; source: {README_SOURCE}, NMDP)."
    ),
    Code.LETTER_CAP_REACHED: _letter_cap,
    Code.LETTER_WINDOW_ENDED: _letter_window,
    Code.NO_POLICY_ON_FILE: lambda r: (
        f"Held for a caseworker: no policy on file for {r['country']} "
        f"(rule unknown country, {r['country']}; source: {README_SOURCE})."
    ),
    Code.CRYOPRESERVED_NOT_REQUESTED: lambda r: (
        "Held: the cryopreserved product has not yet been requested for this patient "
        f"(rule product cryopreserved, every country; source: {README_SOURCE}, NMDP)."
    ),
    Code.NO_TRANSPLANT_DATE: lambda r: (
        "Held: no transplant date is on file; letters may travel from the day of transplant "
        f"(rule transplant date, every country; source: {README_SOURCE})."
    ),
    Code.BEFORE_TRANSPLANT: lambda r: (
        f"Held until {r['transplant'].isoformat()}: letters may travel from the day of transplant "
        f"(rule transplant date, every country; source: {README_SOURCE})."
    ),
    Code.ANONYMOUS_LETTERS_ALLOWED: _allowed,
    Code.RULE_UNVERIFIED: lambda r: (
        f"Note: the rule for {r['country']} is not verified by staff "
        f"({citation(source=r['source'], verified=False)})."
    ),
    Code.CONTACT_NO_POLICY: lambda r: f"No policy on file for {r['country']}.",
    Code.CONTACT_NEVER_IN_COUNTRY: lambda r: (
        f"{r['country']} never allows direct contact (rule direct_contact, {r['country']}; {_cited(r)})."
    ),
    Code.CONTACT_NEVER_AT_CENTRE: lambda r: (
        f"Transplant centre {_centre(r)} allows no direct contact "
        f"(rule centre override allows_direct_contact; {CENTRE_SOURCE})."
    ),
    Code.CONTACT_NEVER_CORD_BLOOD: lambda r: (
        "Cord blood donations never allow contact "
        f"(rule product cord, every country; source: {README_SOURCE}, NMDP)."
    ),
    Code.ANONYMITY_PERIOD: lambda r: (
        f"Direct contact needs {r['months']} months from the {r['anchor'].replace('_', ' ')} "
        f"(rule anonymity_months and anonymity_anchor, {r['country']}; {_cited(r)})."
    ),
    Code.RECIPIENT_ASKS_FIRST: _recipient_asks_first,
    Code.MISSING_POLICY: lambda r: f"a policy on file for {r['country']}",
    Code.MISSING_TRANSPLANT_DATE: lambda r: "a transplant date",
    Code.MISSING_CONSENT: lambda r: f"the {r['side']}'s written consent to direct contact",
    Code.CONSENT_WITHDRAWN: lambda r: f"the {r['side']} withdrew consent to direct contact",
    Code.MISSING_PATIENT_REQUEST: lambda r: (
        "a request for direct contact from the patient, who must ask first"
    ),
    Code.PATIENT_DECLINED_CONTACT: lambda r: (
        "Refused: the patient declined contact through their transplant centre "
        "(rule patient declined contact; source: the transplant centre)."
    ),
    Code.LETTERS_STOPPED: lambda r: (
        "Refused: after news from the transplant centre, a caseworker decided that no further letters "
        "travel for this donation (rule patient report; source: the caseworker's decision)."
    ),
    Code.PATIENT_NEWS: lambda r: (
        "Held for a caseworker: the transplant centre reported news about the patient "
        "(rule patient report; source: the transplant centre)."
    ),
    Code.MISSING_PATIENT_WISH: lambda r: "the patient's wish to be in contact (they declined contact)",
    Code.MISSING_LETTERS_RESUMED: lambda r: (
        "letters travelling again (a caseworker stopped them after news from the centre)"
    ),
}

CONDITIONS: dict[Code, Callable[[Reason], str]] = {
    Code.PATIENT_NEWS: lambda r: "a caseworker's decision (news from the patient's transplant centre)",
    Code.NO_POLICY_ON_FILE: lambda r: f"a caseworker's decision (no policy on file for {r['country']})",
    Code.CRYOPRESERVED_NOT_REQUESTED: lambda r: "the cryopreserved product is requested for this patient",
    Code.NO_TRANSPLANT_DATE: lambda r: "the transplant date is recorded",
}


def explain(reason: Reason) -> str:
    """Return the reason as one sentence for staff: what applies, and which rule of which country says so."""
    return SENTENCES[reason.code](reason)


def explain_all(reasons: Iterable[Reason]) -> tuple[str, ...]:
    """Return each reason as a sentence for staff, in order."""
    return tuple(explain(r) for r in reasons)


def hold_condition(decision: Decision) -> str | None:
    """Return what a held letter waits for, in words ("; " between several), or None when it waits for
    a date or is not held."""
    return "; ".join(CONDITIONS[r.code](r) for r in decision.conditions) or None
