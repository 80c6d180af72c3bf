"""The caseworker's review page, mounted inside the admin (LetterAdmin.get_urls)."""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from correspondence import events
from correspondence.gifts import gift_mentions
from correspondence.highlight import review_highlight
from correspondence.models import Attachment, Flag, Letter
from correspondence.redact import redacted_segments
from correspondence.selectors import letter_language_warning
from correspondence.services import review as review_services
from policies import rules
from policies.selectors import policy_context_for_letter

REVIEW_PERMISSION = "correspondence.review_letter"


def _can_review(request: HttpRequest) -> None:
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied


def _letter(public_id) -> Letter:
    return get_object_or_404(
        Letter.objects.select_related("donation__donor", "donation__patient__centre", "claimed_by"),
        public_id=public_id,
    )


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _review_url(letter: Letter) -> str:
    return reverse("admin:correspondence_letter_review", kwargs={"public_id": letter.public_id})


def preview_html(letter: Letter) -> SafeString:
    """The redacted preview as HTML: letter text escaped, each placeholder in a styled span."""
    segments = redacted_segments(letter.body, review_services.redactions_in_force(letter=letter))
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<span class="placeholder" data-label="{}">{}</span>', label, piece)
                if label
                else piece,
            )
            for piece, label in segments
        ),
    )


def policy_summary(letter: Letter) -> dict:
    """The policy's answer if the letter were approved today, and the language warning."""
    from correspondence.services.policy import letter_policy_decide

    context = policy_context_for_letter(letter)
    # The country rules, as the patient's side changes them (declined contact, news from the centre).
    decision = letter_policy_decide(letter=letter, on=timezone.localdate())
    english = rules.english_required(context)
    warning = letter_language_warning(letter)
    gifts = rules.gifts_allowed(context)
    mentions = gift_mentions(letter.body) if gifts != "yes" else []
    return {
        "gifts_allowed": gifts,
        "gift_mentions": mentions,
        "decision": decision,
        "english_required": english,
        "language_warning": warning,
        "photos_allowed": rules.photos_allowed(context),
    }


@staff_member_required
def letter_review(request: HttpRequest, public_id) -> HttpResponse:
    """The original with every flag, the redacted preview, the policy, the writer's other letters."""
    _can_review(request)
    letter = _letter(public_id)
    events.original_opened(letter=letter, actor=request.user)
    flags = list(letter.flags.select_related("attachment", "decided_by").order_by("start", "pk"))
    text_flags = [f for f in flags if f.attachment_id is None]
    for flag in text_flags:
        flag.text = letter.body[flag.start : flag.end]
    photo_flags = [f for f in flags if f.attachment_id is not None]
    # The writer is the donor or the patient, whichever side this letter comes from.
    writer = (
        {"donation__donor": letter.donation.donor}
        if letter.direction == Letter.Direction.DONOR_TO_PATIENT
        else {"donation__patient": letter.donation.patient}
    )
    earlier = (
        Letter.objects.filter(direction=letter.direction, **writer)
        .exclude(pk=letter.pk)
        .order_by("-created_at")[:10]
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Review letter"),
        "opts": Letter._meta,
        "letter": letter,
        "original_html": review_highlight(letter.body, text_flags),
        "text_flags": text_flags,
        "photo_flags": photo_flags,
        "pending": sum(f.decision == Flag.Decision.PENDING for f in flags),
        "preview_html": preview_html(letter),
        "policy": policy_summary(letter),
        "earlier": earlier,
        "events": letter.events.select_related("actor").order_by("created_at", "pk"),
        "labels": [(value, label) for value, label in Flag.Label.choices if value != Flag.Label.PHOTO],
        "is_reviewable": letter.status == Letter.Status.IN_REVIEW,
        "holds_claim": letter.claimed_by_id == request.user.pk,
        "redacted": getattr(letter, "redacted", None),
    }
    return TemplateResponse(request, "admin/correspondence/letter/review.html", context)


def _respond(request: HttpRequest, letter: Letter, *, error: str | None = None, flag: Flag | None = None):
    if _wants_json(request):
        letter.refresh_from_db()
        payload = {
            "ok": error is None,
            "error": error,
            "preview_html": preview_html(letter),
            "pending": letter.flags.filter(decision=Flag.Decision.PENDING).count(),
        }
        if flag is not None:
            payload["flag"] = {"id": flag.pk, "decision": flag.decision, "label": flag.label}
        return JsonResponse(payload, status=200 if error is None else 409)
    if error:
        messages.error(request, error)
    anchor = f"#flag-{flag.pk}" if flag is not None else ""
    return redirect(_review_url(letter) + anchor)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
@staff_member_required
def letter_claim_view(request: HttpRequest, public_id) -> HttpResponse:
    _can_review(request)
    letter = _letter(public_id)
    try:
        if request.POST.get("release"):
            review_services.letter_unclaim(letter=letter, caseworker=request.user)
        else:
            review_services.letter_claim(
                letter=letter, caseworker=request.user, take_over=bool(request.POST.get("take_over"))
            )
    except ValidationError as error:
        return _respond(request, letter, error=_error_text(error))
    return _respond(request, letter)


@require_POST
@staff_member_required
def flag_decide_view(request: HttpRequest, public_id, flag_id: int) -> HttpResponse:
    _can_review(request)
    letter = _letter(public_id)
    flag = get_object_or_404(letter.flags, pk=flag_id)
    try:
        if request.POST.get("label"):
            review_services.flag_relabel(flag=flag, caseworker=request.user, label=request.POST["label"])
        if request.POST.get("decision"):
            review_services.flag_decide(flag=flag, caseworker=request.user, decision=request.POST["decision"])
    except ValidationError as error:
        return _respond(request, letter, error=_error_text(error), flag=flag)
    return _respond(request, letter, flag=flag)


@require_POST
@staff_member_required
def flag_add_view(request: HttpRequest, public_id) -> HttpResponse:
    _can_review(request)
    letter = _letter(public_id)
    label = request.POST.get("label", "")
    try:
        if request.POST.get("text") and not request.POST.get("start"):
            review_services.flag_add_text(
                letter=letter, caseworker=request.user, text=request.POST["text"], label=label
            )
        else:
            try:
                start, end = int(request.POST.get("start", "")), int(request.POST.get("end", ""))
            except ValueError as exc:
                raise ValidationError(_("Select the words to redact first."), code="no_selection") from exc
            review_services.flag_add(
                letter=letter, caseworker=request.user, start=start, end=end, label=label
            )
    except ValidationError as error:
        return _respond(request, letter, error=_error_text(error))
    return _respond(request, letter)


@require_POST
@staff_member_required
def letter_decide_view(request: HttpRequest, public_id) -> HttpResponse:
    """Approve, return or refuse."""
    _can_review(request)
    letter = _letter(public_id)
    action = request.POST.get("action")
    reason = request.POST.get("reason", "")
    try:
        with transaction.atomic():
            if action == "approve":
                letter = review_services.letter_approve(letter=letter, caseworker=request.user)
            elif action == "return":
                letter = review_services.letter_return(letter=letter, caseworker=request.user, reason=reason)
            elif action == "refuse":
                letter = review_services.letter_refuse(letter=letter, caseworker=request.user, reason=reason)
            else:
                raise ValidationError(_("Choose approve, return or refuse."), code="bad_action")
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(_review_url(letter))
    messages.success(
        request, _("Done: the letter is now “%(status)s”.") % {"status": letter.get_status_display()}
    )
    return redirect("admin:correspondence_letter_changelist")


@staff_member_required
def attachment_review_view(request: HttpRequest, public_id, attachment_id) -> FileResponse:
    _can_review(request)
    attachment = get_object_or_404(Attachment, public_id=attachment_id, letter__public_id=public_id)
    events.original_opened(letter=attachment.letter, actor=request.user, attachment=str(attachment.public_id))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=attachment.content_type)
