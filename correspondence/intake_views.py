"""The caseworker's intake pages in the admin (IntakeAdmin.get_urls): take in a letter that came on paper
or by e-mail, correct the text beside the scan, mark its photos, send it to screening."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from correspondence import events
from correspondence.intake_forms import IntakeCropForm, IntakeForm, IntakePhotoForm, IntakeTextForm
from correspondence.models import Intake, IntakeFile
from correspondence.services import intake as intake_services

INTAKE_PERMISSION = "correspondence.add_intake"


def _can_take_in(request: HttpRequest) -> None:
    if not request.user.has_perm(INTAKE_PERMISSION):
        raise PermissionDenied


def _intake(public_id) -> Intake:
    return get_object_or_404(
        Intake.objects.select_related("donation__donor", "donation__patient__centre", "letter", "created_by"),
        public_id=public_id,
    )


def _context(request: HttpRequest, **context) -> dict:
    return {**admin.site.each_context(request), "opts": Intake._meta, **context}


@staff_member_required
def intake_add_view(request: HttpRequest) -> HttpResponse:
    """Upload the scans or the e-mail of one letter, for a donation."""
    _can_take_in(request)
    form = IntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intake = intake_services.intake_create(
                caseworker=request.user,
                donation=data["donation"],
                direction=data["direction"],
                uploads=data["files"],
                email_source=data["email_source"],
                language=data["language"],
            )
        except ValidationError as error:
            form.add_error("files", error)
        else:
            return redirect(intake.get_absolute_url())
    return TemplateResponse(
        request,
        "admin/correspondence/intake/add.html",
        _context(request, title=_("Take in a letter on paper or by e-mail"), form=form),
    )


@staff_member_required
def intake_detail_view(request: HttpRequest, public_id) -> HttpResponse:
    """The scan beside the text read from it: correct, mark photos, send to screening."""
    _can_take_in(request)
    intake = _intake(public_id)
    files = list(intake.files.order_by("role", "number"))
    pages = [f for f in files if f.role == IntakeFile.Role.PAGE]
    text_form = IntakeTextForm(initial={"text": intake.text})
    if request.method == "POST":
        response, text_form = _act(request, intake, pages)
        if response is not None:
            return response
    return TemplateResponse(
        request,
        "admin/correspondence/intake/detail.html",
        _context(
            request,
            title=_("Letter taken in"),
            intake=intake,
            pages=pages,
            photos=[f for f in files if f.role == IntakeFile.Role.PHOTO],
            originals=[f for f in files if f.role == IntakeFile.Role.ORIGINAL],
            text_form=text_form,
            crop_form=IntakeCropForm(),
            photo_form=IntakePhotoForm(),
            is_open=intake.status == Intake.Status.READY,
            retention_days=settings.INTAKE_FILES_KEEP_DAYS,
        ),
    )


def _act(request: HttpRequest, intake: Intake, pages: list[IntakeFile]):
    """Carry out one POSTed action; returns (a redirect, or None to show the page again, the text form)."""
    action = request.POST.get("action", "")
    text_form = IntakeTextForm(
        request.POST if action in ("save", "submit") else None, initial={"text": intake.text}
    )
    here = redirect(intake.get_absolute_url())
    try:
        if action in ("save", "submit"):
            if not text_form.is_valid():
                return None, text_form
            text = text_form.cleaned_data["text"]
            if action == "save":
                intake_services.intake_save_text(intake=intake, caseworker=request.user, text=text)
                messages.success(request, _("Corrections saved."))
                return here, text_form
            letter = intake_services.intake_submit(intake=intake, caseworker=request.user, text=text)
            messages.success(request, _("Sent to screening: the letter will appear in the review queue."))
            return redirect("admin:correspondence_letter_review", public_id=letter.public_id), text_form
        if "text" in request.POST and intake.status == Intake.Status.READY:
            # The page sends the text box along with the photo forms, so no correction is lost.
            intake_services.intake_save_text(
                intake=intake, caseworker=request.user, text=request.POST["text"]
            )
        if action == "crop":
            crop = IntakeCropForm(request.POST)
            if not crop.is_valid():
                raise ValidationError(_("Mark the photo on the page first (drag a box around it)."))
            page = next((p for p in pages if p.public_id == crop.cleaned_data["page"]), None)
            if page is None:
                raise ValidationError(_("Choose a page of this letter."))
            intake_services.intake_crop_photo(
                intake=intake, caseworker=request.user, page=page, box=crop.box()
            )
            messages.success(request, _("Photo kept: it will be attached, and screened like any photo."))
        elif action == "add_photo":
            upload = IntakePhotoForm(request.POST, request.FILES)
            if not upload.is_valid():
                raise ValidationError(upload.errors["photo"])
            intake_services.intake_add_photo(
                intake=intake, caseworker=request.user, upload=upload.cleaned_data["photo"]
            )
            messages.success(request, _("Photo kept: it will be attached, and screened like any photo."))
        elif action == "remove_photo":
            photo = get_object_or_404(
                intake.files, public_id=request.POST.get("photo"), role=IntakeFile.Role.PHOTO
            )
            intake_services.intake_remove_photo(intake=intake, caseworker=request.user, photo=photo)
            messages.success(request, _("Photo removed."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return here, text_form


@staff_member_required
def intake_discard_view(request: HttpRequest, public_id) -> HttpResponse:
    """Ask, then set aside an intake taken in by mistake (its files are deleted at once)."""
    _can_take_in(request)
    intake = _intake(public_id)
    if request.method == "POST":
        try:
            intake_services.intake_discard(intake=intake, caseworker=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(intake.get_absolute_url())
        messages.success(request, _("Set aside: nothing was sent, and its files were deleted."))
        return redirect("admin:correspondence_intake_changelist")
    if intake.status != Intake.Status.READY:
        return redirect(intake.get_absolute_url())
    return TemplateResponse(
        request,
        "admin/correspondence/intake/discard.html",
        _context(request, title=_("Set this letter aside?"), intake=intake),
    )


@staff_member_required
def intake_file_view(request: HttpRequest, public_id, file_id) -> FileResponse:
    """A page, photo or original of an intake, for staff only (audited once the letter exists)."""
    if not request.user.has_perm("correspondence.view_intake"):
        raise PermissionDenied
    stored = get_object_or_404(
        IntakeFile.objects.select_related("intake"), public_id=file_id, intake__public_id=public_id
    )
    if stored.intake.letter_id is not None:
        events.original_opened(
            letter=stored.intake.letter, actor=request.user, attachment=f"scan {stored.public_id}"
        )
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Pages and photos are shown; an original (PDF, e-mail) is downloaded, never rendered by the browser.
    inline = stored.role != IntakeFile.Role.ORIGINAL
    response = FileResponse(
        handle,
        content_type=stored.content_type,
        as_attachment=not inline,
        filename=f"intake-{stored.role}-{stored.number}.{stored.file.name.rsplit('.', 1)[-1]}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
