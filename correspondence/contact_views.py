"""The donor's "Direct contact" pages: from when contact could be possible, what is missing, their consent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from correspondence.forms import ConsentChangeForm
from correspondence.models import Consent
from correspondence.selectors import contact_page, donation_for_donor, donations_for_donor
from correspondence.services.consent import donor_consent_change
from correspondence.views import donor_required

CHANGED = {
    Consent.Status.GIVEN: _("Thank you: your consent to direct contact is recorded."),
    Consent.Status.WITHDRAWN: _("Your consent to direct contact is withdrawn. Your identity stays hidden."),
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
    context = contact_page(donation=donation, on=timezone.localdate())
    return render(request, "correspondence/contact_detail.html", context)


def _consent_view(request: HttpRequest, public_id: str, *, status: str) -> HttpResponse:
    """GET asks to confirm; POST records the donor's consent (given or withdrawn) and goes back."""
    donation = donation_for_donor(donor=request.donor, public_id=public_id)
    today = timezone.localdate()
    form = ConsentChangeForm(request.POST if request.method == "POST" else None, status=status)
    if form.is_valid():
        try:
            donor_consent_change(donor=request.donor, donation=donation, status=status, on=today)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, CHANGED[status])
        return redirect("correspondence:contact_detail", public_id=donation.public_id)
    context = {
        **contact_page(donation=donation, on=today),
        "action": status,
        "error": " ".join(form.non_field_errors()),
    }
    return render(request, "correspondence/contact_confirm.html", context, status=400 if form.errors else 200)


@donor_required
def contact_consent_give(request: HttpRequest, public_id: str) -> HttpResponse:
    return _consent_view(request, public_id, status=Consent.Status.GIVEN)


@donor_required
def contact_consent_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    return _consent_view(request, public_id, status=Consent.Status.WITHDRAWN)
