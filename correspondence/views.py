from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from correspondence.forms import LetterCheckForm, LetterForm, LetterPhotosForm
from correspondence.models import Letter
from correspondence.selectors import (
    donations_for_donor,
    donations_paused_for_donor,
    donations_writable_for_donor,
    language_warning_for,
    letter_as_sent,
    letter_check_report,
    letter_for_donor,
    letter_history_for_writer,
    letters_for_donor,
    pending_photo_for_donor,
)
from correspondence.services import letter_save_draft, letter_submit, letter_withdraw
from correspondence.services.pending import pending_photos_keep
from donors.models import Donation


def donor_required(view: Callable) -> Callable:
    """Let only a signed-in donor through; everyone else goes to the sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or not hasattr(user, "donor"):
            return redirect(f"{reverse('donors:sign_in')}?next={request.path}")
        request.donor = user.donor
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


@donor_required
def letter_list(request: HttpRequest) -> HttpResponse:
    letters = letters_for_donor(donor=request.donor)
    return render(request, "correspondence/letter_list.html", {"letters": letters})


def _letter_form_view(request: HttpRequest, *, letter: Letter | None) -> HttpResponse:
    donations = donations_writable_for_donor(
        donor=request.donor, keep_id=letter.donation_id if letter else None
    )
    paused = list(donations_paused_for_donor(donor=request.donor))
    if not donations.exists():
        if paused:
            return render(request, "correspondence/letters_paused.html", {"paused": paused})
        return render(request, "correspondence/no_donation.html", status=200)
    form = LetterForm(request.POST or None, donations=donations, letter=letter)
    photos_form = LetterPhotosForm(
        request.POST or None, request.FILES or None, donor=request.donor, letter=letter
    )
    action = request.POST.get("action", LetterForm.SUBMIT)
    check = None
    if request.method == "POST":
        if action == LetterForm.CHECK:
            # Checking stores no letter; the photos chosen meanwhile are kept below all the same.
            check = _check_result(request, donations)
            photos_form.is_valid()
        elif form.is_valid() & photos_form.is_valid():  # both, so every error shows at once
            service = letter_save_draft if action == LetterForm.SAVE_DRAFT else letter_submit
            try:
                saved = service(
                    donor=request.donor, letter=letter, **form.cleaned_data, **photos_form.cleaned_data
                )
            except ValidationError as error:
                _add_service_error(form, photos_form, error)
            else:
                if service is letter_save_draft:
                    messages.success(request, _("Your draft is saved. You can come back to it at any time."))
                    return redirect("correspondence:letter_edit", public_id=saved.public_id)
                return redirect("correspondence:letter_sent", public_id=saved.public_id)
        # No letter was stored: keep the photos chosen so far, so the donor need not choose them again.
        photos_form.pending = pending_photos_keep(
            donor=request.donor,
            kept=photos_form.kept_pending,
            new=photos_form.good_new,
            discard=photos_form.removed_pending,
        )
    return render(
        request,
        "correspondence/letter_form.html",
        {"form": form, "photos_form": photos_form, "letter": letter, "check": check, "paused": paused},
    )


def _add_service_error(form: LetterForm, photos_form: LetterPhotosForm, error: ValidationError) -> None:
    """Show a service's refusal beside the field it is about: the photos, the text, or above the form."""
    if hasattr(error, "error_dict"):
        form.add_error(None, error)
    elif (getattr(error, "code", "") or "").startswith(("photo", "too_many")):
        photos_form.add_error("photos", error)
    else:
        form.add_error(None, error)


@donor_required
def pending_photo_view(request: HttpRequest, public_id: str) -> FileResponse:
    """A photo the donor chose for a letter not stored yet; only to that donor."""
    photo = pending_photo_for_donor(donor=request.donor, public_id=public_id)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=photo.content_type)


def _check_result(request: HttpRequest, donations: QuerySet[Donation]) -> dict:
    """The "Check my letter" answer for the posted text, or what is wrong with it; stores nothing."""
    form = LetterCheckForm(request.POST, donations=donations)
    if not form.is_valid():
        return {"error": form.error_text()}
    return letter_check_report(**form.cleaned_data, on=timezone.localdate())


@require_POST
@donor_required
def letter_check_view(request: HttpRequest) -> HttpResponse:
    """The "Check my letter" result alone, for the form's script to show without reloading the page."""
    # The check reads the donor, the patient and the centre of the chosen donation: in one query.
    donations = donations_for_donor(donor=request.donor).select_related("donor", "patient__centre")
    check = _check_result(request, donations)
    return render(request, "correspondence/_check_result.html", {"check": check})


@donor_required
def letter_create(request: HttpRequest) -> HttpResponse:
    return _letter_form_view(request, letter=None)


@donor_required
def letter_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    letter = letter_for_donor(donor=request.donor, public_id=public_id)
    if not letter.is_editable_by_writer:
        return redirect(letter)
    return _letter_form_view(request, letter=letter)


@donor_required
def letter_sent(request: HttpRequest, public_id: str) -> HttpResponse:
    letter = letter_for_donor(donor=request.donor, public_id=public_id)
    warning = language_warning_for(donation=letter.donation, text=letter.body)
    return render(request, "correspondence/letter_sent.html", {"letter": letter, "language_warning": warning})


@donor_required
def letter_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    letter = letter_for_donor(donor=request.donor, public_id=public_id)
    return render(
        request,
        "correspondence/letter_detail.html",
        {
            "letter": letter,
            "history": letter_history_for_writer(letter=letter),
            "sent": letter_as_sent(letter=letter),
        },
    )


@require_POST
@donor_required
def letter_revise_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Start a new version of a returned letter; the returned one is kept as it was."""
    from correspondence.services.review import letter_revise

    letter = letter_for_donor(donor=request.donor, public_id=public_id)
    try:
        revision = letter_revise(letter=letter, writer=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(letter)
    messages.info(
        request, _("Here is a new version of your letter. Change what the note asks, then send it again.")
    )
    return redirect("correspondence:letter_edit", public_id=revision.public_id)


@require_http_methods(["GET", "POST"])
@donor_required
def letter_withdraw_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Ask first (this page, or the same question in a dialog on the letter's page), then withdraw."""
    letter = letter_for_donor(donor=request.donor, public_id=public_id)
    if request.method == "GET":
        if not letter.is_withdrawable:
            messages.info(request, _("This letter can no longer be withdrawn."))
            return redirect(letter)
        return render(request, "correspondence/letter_withdraw.html", {"letter": letter})
    try:
        letter_withdraw(letter=letter, donor=request.donor)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your letter is withdrawn. It will not be sent."))
    return redirect(letter)


@donor_required
def attachment_view(request: HttpRequest, public_id: str, attachment_id: str) -> FileResponse:
    letter = letter_for_donor(donor=request.donor, public_id=public_id)
    attachment = get_object_or_404(letter.attachments, public_id=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=attachment.content_type)
