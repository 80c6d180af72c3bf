"""The donor's "Direct contact" pages: from when contact could be possible, what is missing, their consent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from correspondence.models import Consent
from correspondence.selectors import (
    LETTERS_STOPPED,
    PATIENT_DECLINED_CONTACT,
    direct_contact_status,
    donation_for_donor,
    donations_for_donor,
)
from correspondence.services.consent import PATIENT_MUST_ASK_FIRST, consent_current, donor_consent_change
from correspondence.services.policy import policy_reason_plain
from correspondence.views import donor_required
from donors.models import Donation
from policies.rules import ContactStatus


def missing_plain(item: str) -> str:
    """Return one of `ContactStatus.missing` in the donor's words (policies.rules phrases them for staff)."""
    if item == "the donor's written consent to direct contact":
        return _("Your written consent. You can give it on this page.")
    if item == "the donor withdrew consent to direct contact":
        return _("Your consent: you withdrew it. You can give it again on this page.")
    if item.startswith(("the patient's written consent", "the patient withdrew")):
        return _("Your recipient's written consent.")
    if item == PATIENT_MUST_ASK_FIRST:
        return _(
            "A request from your recipient: the rules that apply want the recipient to ask first. "
            "We will tell you if they do."
        )
    if item == PATIENT_DECLINED_CONTACT:
        return _("Your recipient's wish to be in contact: for now they would rather not be.")
    if item == LETTERS_STOPPED:
        return _("Letters about this donation can no longer be passed on.")
    if item == "a transplant date":
        return _("The date of the transplant, which the registry has not recorded yet.")
    if item.startswith("a policy on file for"):
        return _(
            "The rules of one of the countries involved, which the correspondence office has not "
            "recorded yet. A caseworker will look into it."
        )
    return item


def _contact_context(*, donation: Donation) -> dict:
    today = timezone.localdate()
    status: ContactStatus = direct_contact_status(donation=donation, on=today)
    never = status.from_date is None and not status.missing
    consent = consent_current(donation=donation, side=Consent.Side.DONOR)
    given = consent is not None and consent.status == Consent.Status.GIVEN
    return {
        "donation": donation,
        "status": status,
        "today": today,
        "never": never,
        "period_over": status.from_date is not None and status.from_date <= today,
        "why_never": [policy_reason_plain(r) for r in status.reasons] if never else [],
        "missing": [missing_plain(m) for m in status.missing],
        "consent": consent,
        "given": given,
        "can_give": not never and not given and PATIENT_MUST_ASK_FIRST not in status.missing,
    }


@donor_required
def contact_index(request: HttpRequest) -> HttpResponse:
    """The donor's donations with their direct-contact pages; a single donation opens its page at once."""
    donations = list(donations_for_donor(donor=request.donor))
    if len(donations) == 1:
        return redirect("correspondence:contact_detail", public_id=donations[0].public_id)
    return render(request, "correspondence/contact_list.html", {"donations": donations})


@donor_required
def contact_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    donation = donation_for_donor(donor=request.donor, public_id=public_id)
    return render(request, "correspondence/contact_detail.html", _contact_context(donation=donation))


def _consent_view(request: HttpRequest, public_id: str, *, status: str) -> HttpResponse:
    """GET asks to confirm; POST records the donor's consent (given or withdrawn) and goes back."""
    donation = donation_for_donor(donor=request.donor, public_id=public_id)
    context = _contact_context(donation=donation)
    if request.method == "POST":
        confirmed = status == Consent.Status.WITHDRAWN or request.POST.get("confirm") == "yes"
        if confirmed:
            try:
                donor_consent_change(
                    donor=request.donor, donation=donation, status=status, on=context["today"]
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(
                    request,
                    _("Thank you: your consent to direct contact is recorded.")
                    if status == Consent.Status.GIVEN
                    else _("Your consent to direct contact is withdrawn. Your identity stays hidden."),
                )
            return redirect("correspondence:contact_detail", public_id=donation.public_id)
        context["error"] = _("Tick the box to confirm, or go back without giving consent.")
    context["action"] = status
    return render(
        request,
        "correspondence/contact_confirm.html",
        context,
        status=400 if context.get("error") else 200,
    )


@donor_required
def contact_consent_give(request: HttpRequest, public_id: str) -> HttpResponse:
    return _consent_view(request, public_id, status=Consent.Status.GIVEN)


@donor_required
def contact_consent_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    return _consent_view(request, public_id, status=Consent.Status.WITHDRAWN)
