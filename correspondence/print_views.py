"""Printed letters in the admin: the approved redacted letter as a PDF (mounted by LetterAdmin.get_urls)."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from correspondence import events
from correspondence.models import Letter, RedactedVersion
from correspondence.printing import letter_pdf_response, letter_print

REVIEW_PERMISSION = "correspondence.review_letter"


@staff_member_required
def letter_pdf_view(request: HttpRequest, public_id) -> HttpResponse:
    """The approved letter as the other side reads it, printed; 404 until it is approved."""
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    letter = get_object_or_404(Letter.objects.select_related("redacted"), public_id=public_id)
    try:
        pdf = letter_print(letter=letter)
    except RedactedVersion.DoesNotExist:
        raise Http404("This letter has not been approved.") from None
    events.letter_printed(letter=letter, actor=request.user)
    return letter_pdf_response(pdf, letter=letter)
