"""The words a writer reads about the country rules and their letter's history, translated with gettext.

The rules decide in codes (`policies.rules.Reason`); staff read them in `policies.explain`'s
sentences, which cite rule and source. Writers read these instead: what applies, in plain words,
with no rule citation and no centre code. Translating them needs only a catalogue (.po) entry for
each string below; country names come translated from pycountry's own catalogues.
"""

import gettext as gettext_module
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache

import pycountry
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext, to_locale
from django.utils.translation import gettext as _

from policies.rules import Code, Decision, Reason, codes


@cache
def _country_catalogue(locale: str) -> gettext_module.NullTranslations:
    return gettext_module.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def country_name(code: str) -> str:
    """Return the country's everyday name ("Japan", "Taiwan") in the active language; the code if unknown."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _country_catalogue(to_locale(get_language() or "en")).gettext(name)


def _and(names: Iterable[str]) -> str:
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _letter_cap(r: Reason) -> str:
    values = {"sent": r["sent"], "country": country_name(r["country"]), "cap": r["cap"]}
    if r["side"] == "donor":
        text = ngettext(
            "The donor's side has already sent %(sent)d letter and %(country)s allows at most %(cap)d "
            "each way.",
            "The donor's side has already sent %(sent)d letters and %(country)s allows at most %(cap)d "
            "each way.",
            r["sent"],
        )
    else:
        text = ngettext(
            "The patient's side has already sent %(sent)d letter and %(country)s allows at most %(cap)d "
            "each way.",
            "The patient's side has already sent %(sent)d letters and %(country)s allows at most %(cap)d "
            "each way.",
            r["sent"],
        )
    return text % values


def _anonymity_period(r: Reason) -> str:
    if r["anchor"] == "last_transplant":
        text = ngettext(
            "Direct contact needs %(months)d month from the last transplant.",
            "Direct contact needs %(months)d months from the last transplant.",
            r["months"],
        )
    else:
        text = ngettext(
            "Direct contact needs %(months)d month from the first transplant.",
            "Direct contact needs %(months)d months from the first transplant.",
            r["months"],
        )
    return text % {"months": r["months"]}


def _recipient_asks_first(r: Reason) -> str:
    countries = r["countries"]
    text = ngettext(
        "%(countries)s wants the recipient to ask first.",
        "%(countries)s want the recipient to ask first.",
        len(countries),
    )
    return text % {"countries": _and(country_name(c) for c in countries)}


def _no_policy(r: Reason) -> str:
    return _("No policy on file for %(country)s.") % {"country": country_name(r["country"])}


# Why a letter waits, is refused or may travel, and why direct contact is (never) possible.
REASONS: dict[Code, Callable[[Reason], str]] = {
    Code.NO_ANONYMOUS_LETTERS: lambda r: (
        _("%(country)s allows no anonymous letters.") % {"country": country_name(r["country"])}
    ),
    Code.CENTRE_NO_ANONYMOUS_LETTERS: lambda r: _(
        "The recipient's transplant centre allows no anonymous correspondence."
    ),
    Code.CORD_BLOOD_NO_LETTERS: lambda r: _("No letters are exchanged about a cord blood donation."),
    Code.LETTER_CAP_REACHED: _letter_cap,
    Code.LETTER_WINDOW_ENDED: lambda r: (
        _(
            "%(country)s allows anonymous letters only within %(months)d months of the transplant on "
            "%(transplant)s; that window ended on %(ended)s."
        )
        % {
            "country": country_name(r["country"]),
            "months": r["months"],
            "transplant": r["transplant"].isoformat(),
            "ended": r["ended"].isoformat(),
        }
    ),
    Code.NO_POLICY_ON_FILE: _no_policy,
    Code.CRYOPRESERVED_NOT_REQUESTED: lambda r: _(
        "The cryopreserved product has not yet been requested for this patient."
    ),
    Code.NO_TRANSPLANT_DATE: lambda r: _(
        "No transplant date is on file; letters may travel from the day of transplant."
    ),
    Code.BEFORE_TRANSPLANT: lambda r: _("Letters may travel from the day of transplant."),
    Code.ANONYMOUS_LETTERS_ALLOWED: lambda r: _(
        "Letters may travel anonymously once our staff have read them."
    ),
    Code.CONTACT_NO_POLICY: _no_policy,
    Code.CONTACT_NEVER_IN_COUNTRY: lambda r: (
        _("%(country)s never allows direct contact.") % {"country": country_name(r["country"])}
    ),
    Code.CONTACT_NEVER_AT_CENTRE: lambda r: _("The recipient's transplant centre allows no direct contact."),
    Code.CONTACT_NEVER_CORD_BLOOD: lambda r: _("Cord blood donations never allow contact."),
    Code.ANONYMITY_PERIOD: _anonymity_period,
    Code.RECIPIENT_ASKS_FIRST: _recipient_asks_first,
    Code.PATIENT_DECLINED_CONTACT: lambda r: _(
        "The patient declined contact through their transplant centre."
    ),
    # Neither says that the centre reported anything: a caseworker decides what the writer is told.
    Code.LETTERS_STOPPED: lambda r: _("Letters about this donation can no longer be passed on."),
    Code.PATIENT_NEWS: lambda r: _(
        "A member of our staff will read letters for this donation before they travel."
    ),
}

# Staff-only: a note on an unverified rule says nothing to the writer.
STAFF_ONLY = frozenset({Code.RULE_UNVERIFIED})


def _consent(r: Reason, *, withdrawn: bool) -> str:
    if r["side"] != "donor":
        return _("Your recipient's written consent.")
    if withdrawn:
        return _("Your consent: you withdrew it. You can give it again on this page.")
    return _("Your written consent. You can give it on this page.")


# What direct contact still needs, as the donor reads it on their page.
MISSING: dict[Code, Callable[[Reason], str]] = {
    Code.MISSING_POLICY: lambda r: _(
        "The rules of one of the countries involved, which the correspondence office has not recorded "
        "yet. A caseworker will look into it."
    ),
    Code.MISSING_TRANSPLANT_DATE: lambda r: _(
        "The date of the transplant, which the registry has not recorded yet."
    ),
    Code.MISSING_CONSENT: lambda r: _consent(r, withdrawn=False),
    Code.CONSENT_WITHDRAWN: lambda r: _consent(r, withdrawn=True),
    Code.MISSING_PATIENT_REQUEST: lambda r: _(
        "A request from your recipient: the rules that apply want the recipient to ask first. "
        "We will tell you if they do."
    ),
    Code.MISSING_PATIENT_WISH: lambda r: _(
        "Your recipient's wish to be in contact: for now they would rather not be."
    ),
    Code.MISSING_LETTERS_RESUMED: lambda r: _("Letters about this donation can no longer be passed on."),
}


def reason_for_writer(reason: Reason) -> str:
    """Return one reason in the writer's words ("" for a note meant for staff only)."""
    if reason.code in STAFF_ONLY:
        return ""
    return REASONS[reason.code](reason)


def reasons_for_writer(reasons: Iterable[Reason]) -> str:
    """Return the reasons in the writer's words, one a line; staff-only notes are left out."""
    return "\n".join(line for line in (reason_for_writer(r) for r in reasons) if line)


def missing_for_donor(reason: Reason) -> str:
    """Return one thing direct contact still needs, in the donor's words."""
    return MISSING[reason.code](reason)


def hold_for_writer(decision: Decision) -> str:
    """Return what the writer reads about a held letter: when it travels, and why it waits."""
    if Code.PATIENT_NEWS in codes(decision.reasons):
        # Nothing of the news itself: a caseworker decides what the writer is told.
        return _("Your letter is waiting for a member of our staff, who will be in touch with you.")
    if decision.hold_until is not None:
        intro = _("Your letter will travel on %(date)s, when the rules allow it.") % {
            "date": date_format(decision.hold_until, "j F Y")
        }
    else:
        intro = _("Your letter will travel as soon as the rules allow it.")
    return f"{intro}\n{reasons_for_writer(decision.reasons)}".strip()


def caseworker_hold_for_writer(hold_until: date) -> str:
    """Return what the writer reads about a letter a caseworker keeps holding until a date."""
    return _(
        "Your letter is waiting for a decision of the correspondence office. We will look at it again "
        "by %(date)s and tell you what happens next."
    ) % {"date": date_format(hold_until, "j F Y")}


def refusal_for_writer(decision: Decision) -> str:
    """Return what the writer reads about a letter the rules refuse: that it cannot be sent, and why."""
    refused_by = codes(decision.reasons)
    if Code.PATIENT_DECLINED_CONTACT in refused_by:
        return _(
            "Your recipient has let their transplant centre know that they would rather not receive "
            "letters for now, so we cannot pass this letter on. This is their choice and says nothing "
            "about you or your letter. If they change their mind, we will tell you."
        )
    if Code.LETTERS_STOPPED in refused_by:
        return _(
            "Letters about this donation can no longer be passed on. If you have a question, "
            "please ask the correspondence office on your Messages page."
        )
    intro = _("The rules that apply to your letter do not allow it to be sent:")
    return f"{intro}\n{reasons_for_writer(decision.reasons)}"


def letter_step_for_writer(kind: str, data: dict) -> str:
    """Return one step of a letter's history as its writer reads it, or "" for the office's own steps.

    The writer learns where the letter is (received, in review, approved, held, forwarded,
    delivered, returned, refused, withdrawn), never how the office worked on it: who opened the
    original, which redactions were accepted or rejected, the country rules' workings, the centre's reads.
    """
    if kind == "held":
        if data.get("hold_until"):
            return _("Waiting until %(date)s, when the rules allow it to travel on") % {
                "date": date_format(date.fromisoformat(data["hold_until"]), "j F Y")
            }
        return _("Waiting until the rules allow it to travel on")
    if kind == "revised":
        return _("You started a new version (version %(version)d)") % {"version": data.get("version", 0)}
    step = WRITER_STEPS.get(kind)
    return str(step) if step else ""


# The letter events a writer is told about, in their words; every other kind stays with the office.
WRITER_STEPS = {
    "created": gettext_lazy("You started this letter"),
    "submitted": gettext_lazy("Received by the registry"),
    "screened": gettext_lazy("In review: our staff are reading it"),
    "approved": gettext_lazy("Checked and approved by our staff"),
    "forwarded": gettext_lazy("Forwarded to your recipient's transplant centre"),
    "delivered": gettext_lazy("Delivered: your recipient's transplant centre has received it"),
    "returned": gettext_lazy("Returned to you with a note from our staff"),
    "refused": gettext_lazy("Not sent: it cannot travel on"),
    "withdrawn": gettext_lazy("You withdrew it"),
}


# A letter's status as its writer reads it: where the letter is, in the writer's words, without the
# office's own steps (screening, approval before sending).
WRITER_STATUS = {
    "draft": gettext_lazy("Draft"),
    "submitted": gettext_lazy("Being checked"),
    "screening": gettext_lazy("Being checked"),
    "in_review": gettext_lazy("Being checked"),
    "approved": gettext_lazy("Checked, about to be sent"),
    "held": gettext_lazy("Waiting"),
    "forwarded": gettext_lazy("Sent to the transplant centre"),
    "delivered": gettext_lazy("Delivered"),
    "returned": gettext_lazy("Returned to you"),
    "refused": gettext_lazy("Not sent"),
    "withdrawn": gettext_lazy("Withdrawn"),
}


def status_for_writer(status: str) -> str:
    """Return a letter's status (a `Letter.Status` value) in its writer's words."""
    return str(WRITER_STATUS.get(status, ""))
