"""The donor and the correspondence office: Messages (notices, questions and answers), and Guidance."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from correspondence.forms import DonationChoiceField
from correspondence.selectors import donations_for_donor, notices_for_donor, questions_for_donor
from correspondence.services.office import messages_mark_read, question_ask
from correspondence.views import donor_required


class QuestionForm(forms.Form):
    donation = DonationChoiceField(
        label=gettext_lazy("Is it about one of your donations?"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("No particular donation"),
    )
    text = forms.CharField(
        label=gettext_lazy("Your question"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.QUESTION_MAX_CHARS,
        help_text=gettext_lazy(
            "Only the correspondence office reads it; it is never passed on to your recipient. "
            "We usually answer within a few working days."
        ),
        error_messages={"required": gettext_lazy("Write your question first.")},
    )

    def __init__(self, *args, donations, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["donation"].queryset = donations


@donor_required
def messages_view(request: HttpRequest) -> HttpResponse:
    """Notices from the office and the donor's questions with their answers; GET marks them read."""
    donations = donations_for_donor(donor=request.donor)
    form = QuestionForm(request.POST or None, donations=donations)
    if request.method == "POST" and form.is_valid():
        try:
            question_ask(
                donor=request.donor, text=form.cleaned_data["text"], donation=form.cleaned_data["donation"]
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                _("Your question is with the correspondence office. We will e-mail you when it is answered."),
            )
            return redirect("correspondence:messages")
    # Read before marking: what is new now is shown as new once.
    notices = list(notices_for_donor(donor=request.donor))
    questions = list(questions_for_donor(donor=request.donor))
    if request.method == "GET":
        messages_mark_read(donor=request.donor)
    return render(
        request,
        "correspondence/messages.html",
        {"notices": notices, "questions": questions, "form": form},
        status=400 if form.errors else 200,
    )


def guidance_view(request: HttpRequest) -> HttpResponse:
    """What to expect after writing, and how to keep yourself and your recipient anonymous online."""
    return render(request, "correspondence/guidance.html")
