"""The donor's pages for replies from their recipient: only the redacted version, once forwarded."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from correspondence.selectors import replies_for_donor, reply_for_donor
from correspondence.services.delivery import reply_open
from correspondence.views import donor_required


@donor_required
def reply_list(request: HttpRequest) -> HttpResponse:
    replies = replies_for_donor(donor=request.donor)
    return render(request, "correspondence/reply_list.html", {"replies": replies})


@donor_required
def reply_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """Show the reply; the first opening marks it delivered."""
    reply = reply_open(reply=reply_for_donor(donor=request.donor, public_id=public_id), actor=request.user)
    return render(request, "correspondence/reply_detail.html", {"reply": reply})


@donor_required
def reply_attachment(request: HttpRequest, public_id: str, attachment_id: str) -> FileResponse:
    """A photo the caseworker released with the reply; any other is 404."""
    reply = reply_for_donor(donor=request.donor, public_id=public_id)
    attachment = reply.redacted.attachments.filter(public_id=attachment_id).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=attachment.content_type)
