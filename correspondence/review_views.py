"""The caseworker's review page, mounted inside the admin (LetterAdmin.get_urls)."""

from collections.abc import Sequence

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from correspondence.forms import FlagAddForm, HeldDecisionForm
from correspondence.models import Attachment, Flag, Letter
from correspondence.selectors import letter_for_review, letter_review_page, letter_review_state
from correspondence.services import review as review_services
from correspondence.services.policy import letter_held_decide

REVIEW_PERMISSION = "correspondence.review_letter"


def _can_review(request: HttpRequest) -> None:
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied


def _review_url(letter: Letter) -> str:
    return reverse("admin:correspondence_letter_review", kwargs={"public_id": letter.public_id})


@staff_member_required
def letter_review(request: HttpRequest, public_id) -> HttpResponse:
    """The original with every flag, the redacted preview, the policy, the writer's other letters."""
    _can_review(request)
    letter = letter_for_review(public_id=public_id)
    review_services.letter_original_open(letter=letter, caseworker=request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Review letter"),
        "opts": Letter._meta,
        **letter_review_page(letter=letter, caseworker=request.user, on=timezone.localdate()),
    }
    return TemplateResponse(request, "admin/correspondence/letter/review.html", context)


def _respond(
    request: HttpRequest,
    letter: Letter,
    *,
    error: str | None = None,
    flag: Flag | None = None,
    also: Sequence[Flag] = (),
):
    """JSON for the page's script (fetch), else back to the review page with the error as a message.

    `also`: flags that changed with `flag` (of the same kind over the same words, relabelled with it).
    """
    if _wants_json(request):
        letter.refresh_from_db()
        payload = {"ok": error is None, "error": error, **letter_review_state(letter=letter)}
        if flag is not None:
            flag.refresh_from_db()
            payload["flag"] = {"id": flag.pk, "decision": flag.decision, "label": flag.label}
            # Flags over the same words that changed kind with it.
            payload["flags"] = [
                {"id": f.pk, "decision": f.decision, "label": f.label} for f in [flag, *also] if f.pk
            ]
        return JsonResponse(payload, status=200 if error is None else 409)
    if error:
        messages.error(request, error)
    anchor = f"#flag-{flag.pk}" if flag is not None else ""
    return redirect(_review_url(letter) + anchor)


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
@staff_member_required
def letter_claim_view(request: HttpRequest, public_id) -> HttpResponse:
    """Claim the letter (taking it over on purpose), or release the claim."""
    _can_review(request)
    letter = letter_for_review(public_id=public_id)
    try:
        if request.POST.get("release"):
            review_services.letter_unclaim(letter=letter, caseworker=request.user)
        else:
            take_over = bool(request.POST.get("take_over"))
            review_services.letter_claim(letter=letter, caseworker=request.user, take_over=take_over)
    except ValidationError as error:
        return _respond(request, letter, error=_error_text(error))
    return _respond(request, letter)


@require_POST
@staff_member_required
def flag_decide_view(request: HttpRequest, public_id, flag_id: int) -> HttpResponse:
    """Redact or keep a flag, or change its kind."""
    _can_review(request)
    letter = letter_for_review(public_id=public_id)
    flag = get_object_or_404(letter.flags, pk=flag_id)
    relabelled: list[Flag] = []
    try:
        relabelled = review_services.flag_change(
            flag=flag,
            caseworker=request.user,
            label=request.POST.get("label", ""),
            decision=request.POST.get("decision", ""),
        )
    except ValidationError as error:
        return _respond(request, letter, error=_error_text(error), flag=flag)
    if len(relabelled) > 1 and not _wants_json(request):
        messages.info(
            request,
            _("The same words were flagged %(count)d times: every one is now “%(kind)s”.")
            % {"count": len(relabelled), "kind": Flag.Label(relabelled[0].label).label},
        )
    return _respond(request, letter, flag=flag, also=relabelled[1:])


@require_POST
@staff_member_required
def flag_add_view(request: HttpRequest, public_id) -> HttpResponse:
    """Add a redaction: the words selected in the original, or every occurrence of the words typed."""
    _can_review(request)
    letter = letter_for_review(public_id=public_id)
    form = FlagAddForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.non_field_errors())
        review_services.redaction_add(letter=letter, caseworker=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _respond(request, letter, error=_error_text(error))
    return _respond(request, letter)


def _refuse_confirmation(
    request: HttpRequest, letter: Letter, *, action_url: str, reason: str
) -> HttpResponse:
    """The page that asks "Refuse this letter?" before a final refusal (with JavaScript, a dialog asks)."""
    context = {
        **admin.site.each_context(request),
        "title": _("Refuse this letter?"),
        "opts": Letter._meta,
        "letter": letter,
        "reason": reason,
        "action_url": action_url,
        "review_url": _review_url(letter),
    }
    return TemplateResponse(request, "admin/correspondence/letter/refuse_confirm.html", context)


def _needs_confirmation(request: HttpRequest) -> bool:
    """A refusal is final and e-mails the writer: it goes through only once confirmed."""
    return request.POST.get("action") == "refuse" and request.POST.get("confirmed") != "yes"


@require_POST
@staff_member_required
def letter_decide_view(request: HttpRequest, public_id) -> HttpResponse:
    """Approve, return or refuse (a refusal after its confirmation)."""
    _can_review(request)
    letter = letter_for_review(public_id=public_id)
    try:
        if _needs_confirmation(request):
            reason = review_services.reason_required(request.POST.get("reason", ""))
            return _refuse_confirmation(request, letter, action_url=request.path, reason=reason)
        letter = review_services.letter_decide(
            letter=letter,
            caseworker=request.user,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(_review_url(letter))
    messages.success(
        request, _("Done: the letter is now “%(status)s”.") % {"status": letter.get_status_display()}
    )
    return redirect("admin:correspondence_letter_changelist")


@require_POST
@staff_member_required
def letter_held_decide_view(request: HttpRequest, public_id) -> HttpResponse:
    """Decide a held letter: forward it now, keep holding it until a date, or refuse it (once confirmed)."""
    _can_review(request)
    letter = letter_for_review(public_id=public_id)
    form = HeldDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(
                [message for messages_ in form.errors.values() for message in messages_], code="invalid"
            )
        if _needs_confirmation(request):
            reason = review_services.reason_required(form.cleaned_data["reason"])
            return _refuse_confirmation(request, letter, action_url=request.path, reason=reason)
        letter = letter_held_decide(
            letter=letter,
            caseworker=request.user,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
            hold_until=form.cleaned_data["hold_until"],
            on=timezone.localdate(),
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(_review_url(letter))
    if letter.status == Letter.Status.HELD:
        done = _("Done: the letter stays held until %(date)s.") % {
            "date": date_format(letter.hold_until, "j F Y")
        }
    else:
        done = _("Done: the letter is now “%(status)s”.") % {"status": letter.get_status_display()}
    messages.success(request, done)
    return redirect(_review_url(letter))


@staff_member_required
def attachment_review_view(request: HttpRequest, public_id, attachment_id) -> FileResponse:
    """A photo of the letter, opened by a caseworker (audited)."""
    _can_review(request)
    attachment = get_object_or_404(Attachment, public_id=attachment_id, letter__public_id=public_id)
    review_services.letter_original_open(
        letter=attachment.letter, caseworker=request.user, attachment=str(attachment.public_id)
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=attachment.content_type)
