"""Forms of the intake pages: letters that came on paper or by e-mail, taken in by caseworkers."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from correspondence.forms import LetterBodyField, MultipleFileInput
from correspondence.models import Letter
from correspondence.reading import ocr_languages
from donors.models import Donation

ACCEPT = "image/jpeg,image/png,application/pdf,.eml,message/rfc822"


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def language_choices() -> list[tuple[str, str]]:
    """The installed OCR languages by name (pycountry), the configured default first."""
    import pycountry

    choices = []
    for code in ocr_languages():
        language = pycountry.languages.get(alpha_3=code.split("_")[0])
        choices.append((code, language.name if language else code))
    choices.sort(key=lambda choice: (choice[0] != settings.OCR_LANGUAGE, choice[1]))
    return choices


class IntakeForm(forms.Form):
    donation = forms.CharField(
        label=_("Donation"),
        max_length=40,
        help_text=_(
            "The donation's reference (e.g. DON-2026-0001), or the donor number when the donor has one "
            "donation."
        ),
    )
    direction = forms.ChoiceField(
        label=_("This is"),
        choices=[
            (Letter.Direction.DONOR_TO_PATIENT, _("a donor's letter, to the patient")),
            (Letter.Direction.PATIENT_TO_DONOR, _("a patient's reply, to the donor")),
        ],
        widget=forms.RadioSelect,
        initial=Letter.Direction.DONOR_TO_PATIENT,
    )
    files = MultipleFileField(
        label=_("Scans, photos or e-mail"),
        required=False,
        help_text=_(
            "JPEG or PNG photos or scans of the pages (in order), a PDF, or an e-mail saved as .eml."
        ),
    )
    email_source = forms.CharField(
        label=_("Or paste the e-mail"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_("The whole message source, headers included (“Show original” in most mail programs)."),
    )
    language = forms.ChoiceField(label=_("Language of the letter"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = language_choices()
        self.fields["language"].choices = choices
        self.fields["language"].help_text = (
            _("Which language text recognition should read.")
            if choices
            else _("Text recognition is not installed here: you will type the text from the scan.")
        )

    def clean_donation(self) -> Donation:
        value = self.cleaned_data["donation"].strip()
        matches = list(
            Donation.objects.filter(
                Q(reference__iexact=value) | Q(donor__donor_number__iexact=value)
            ).select_related("donor", "patient__centre")[:2]
        )
        by_reference = [d for d in matches if d.reference.lower() == value.lower()]
        if by_reference:
            return by_reference[0]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise forms.ValidationError(
                _("This donor has several donations: give the donation's reference."), code="ambiguous"
            )
        raise forms.ValidationError(_("No donation with this reference or donor number."), code="unknown")


class IntakeTextForm(forms.Form):
    # Stored with LF line breaks, as a letter from the web form is (flags count characters).
    text = LetterBodyField(
        label=_("Text of the letter"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
    )


class IntakeCropForm(forms.Form):
    """A box on a page, in per cent of its width and height (the page's drag-to-mark fills these in)."""

    page = forms.UUIDField(widget=forms.HiddenInput)
    left = forms.FloatField(label=_("Left %"), min_value=0, max_value=100)
    top = forms.FloatField(label=_("Top %"), min_value=0, max_value=100)
    width = forms.FloatField(label=_("Width %"), min_value=1, max_value=100)
    height = forms.FloatField(label=_("Height %"), min_value=1, max_value=100)

    def box(self) -> tuple[float, float, float, float]:
        data = self.cleaned_data
        left, top = data["left"] / 100, data["top"] / 100
        return left, top, left + data["width"] / 100, top + data["height"] / 100


class IntakePhotoForm(forms.Form):
    photo = forms.ImageField(
        label=_("Add a photo"), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"})
    )
