from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from correspondence.models import Letter
from donors.models import Donation


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to LETTER_MAX_PHOTOS files from one input (Django's documented multiple-upload pattern)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png", "multiple": True})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > settings.LETTER_MAX_PHOTOS:
            raise forms.ValidationError(
                _("A letter can carry at most %(limit)d photos.") % {"limit": settings.LETTER_MAX_PHOTOS},
                code="too_many_photos",
            )
        return files


class DonationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Donation) -> str:
        if obj.first_transplant_date:
            return _("Donation %(reference)s, transplant on %(date)s") % {
                "reference": obj.reference,
                "date": date_format(obj.first_transplant_date, "j F Y"),
            }
        return _("Donation %(reference)s") % {"reference": obj.reference}


class LetterForm(forms.Form):
    SAVE_DRAFT = "save_draft"
    SUBMIT = "submit"
    CHECK = "check"

    donation = DonationChoiceField(
        label=_("Which donation is this letter about?"),
        queryset=Donation.objects.none(),
        empty_label=None,
    )
    body = forms.CharField(
        label=_("Your letter"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        max_length=settings.LETTER_MAX_CHARS,
        strip=True,
        help_text=_("Up to %(limit)s characters. Please write in English if your recipient may live abroad.")
        % {"limit": f"{settings.LETTER_MAX_CHARS:,}"},
        error_messages={
            "required": _("Your letter is empty. Write a few words before saving or sending it."),
            "max_length": _(
                "Your letter is too long: at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    photos = MultiplePhotoField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_(
            "Up to 3 photos, JPEG or PNG, at most 10 MB each. We remove hidden data such as location."
        ),
    )
    remove_photos = forms.MultipleChoiceField(
        label=_("Remove photos"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, donations, letter: Letter | None = None, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.fields["donation"].queryset = donations
        if letter is not None:
            self.fields["donation"].initial = letter.donation_id
            self.fields["body"].initial = letter.body
            self.fields["remove_photos"].choices = [
                (str(a.public_id), _("Photo %(n)d (%(w)d by %(h)d)") % {"n": i, "w": a.width, "h": a.height})
                for i, a in enumerate(letter.attachments.all(), start=1)
            ]
        else:
            first = donations.first()
            if first is not None:
                self.fields["donation"].initial = first.pk
            del self.fields["remove_photos"]

    def clean_body(self) -> str:
        # Browsers send textarea line breaks as CRLF; flags count characters, so store plain LF.
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")

    def clean(self) -> dict:
        cleaned = super().clean()
        existing = self.letter.attachments.count() if self.letter is not None else 0
        removed = len(cleaned.get("remove_photos") or [])
        total = existing - removed + len(cleaned.get("photos") or [])
        if total > settings.LETTER_MAX_PHOTOS:
            self.add_error(
                "photos",
                forms.ValidationError(
                    _("A letter can carry at most %(limit)d photos; this one would have %(total)d.")
                    % {"limit": settings.LETTER_MAX_PHOTOS, "total": total},
                    code="too_many_photos",
                ),
            )
        return cleaned
