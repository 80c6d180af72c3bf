import math

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from donors.forms import SignInCodeForm, SignInForm
from donors.lockout import client_address
from donors.services import SignInCodeLimited, SignInCodeNotSent, sign_in_code_send

PENDING_KEY = "sign_in_donor_number"
NEXT_KEY = "sign_in_next"


@sensitive_post_parameters("date_of_birth_day", "date_of_birth_month", "date_of_birth_year")
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    """First step: donor number and date of birth; on a match a code is e-mailed."""
    if request.user.is_authenticated and hasattr(request.user, "donor"):
        return redirect("correspondence:letter_list")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        donor_number = form.cleaned_data["donor_number"]
        user = authenticate(request, username=donor_number, date_of_birth=form.cleaned_data["date_of_birth"])
        if user is None:
            form.add_error(
                None, _("We could not match this donor number and date of birth. Check both and try again.")
            )
        else:
            try:
                sign_in_code_send(donor=user.donor, client_address=client_address(request))
            except SignInCodeNotSent:
                form.add_error(
                    None, _("We could not send your code just now. Please try again in a few minutes.")
                )
            except SignInCodeLimited as limited:
                if limited.code_pending:
                    messages.info(
                        request,
                        _("We have e-mailed you a code a short while ago: please use the most recent one."),
                    )
                    request.session[PENDING_KEY] = user.donor.donor_number
                    return redirect("donors:sign_in_code")
                minutes = max(1, math.ceil((limited.retry_at - timezone.now()).total_seconds() / 60))
                form.add_error(
                    None,
                    ngettext(
                        "We have sent several codes already. Please try again in %(minutes)d minute.",
                        "We have sent several codes already. Please try again in %(minutes)d minutes.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
            else:
                request.session[PENDING_KEY] = user.donor.donor_number
                next_url = request.GET.get("next", "")
                if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                    request.session[NEXT_KEY] = next_url
                return redirect("donors:sign_in_code")
    return render(request, "donors/sign_in.html", {"form": form})


@sensitive_post_parameters("code")
@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Second step: the one-time code; a match starts the donor's session."""
    donor_number = request.session.get(PENDING_KEY)
    if not donor_number:
        return redirect("donors:sign_in")
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=donor_number, code=form.cleaned_data["code"])
        if user is not None:
            login(request, user)
            request.session.pop(PENDING_KEY, None)
            next_url = request.session.pop(NEXT_KEY, "")
            return redirect(next_url or "correspondence:letter_list")
        form.add_error(
            "code",
            _("This code is not correct or has expired. Check the latest e-mail, or ask for a new code."),
        )
    return render(request, "donors/sign_in_code.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("donors:sign_in")
