from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from correspondence.limits import letter_length_validate
from correspondence.models import Consent, Letter, PendingPhoto
from correspondence.photos import CleanPhoto, photo_clean
from correspondence.selectors import pending_photos_for_donor
from donors.models import Donation, Donor


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files from one input (Django's documented multiple-upload pattern).

    More than the letter can carry are accepted here, up to MAX_FILES_AT_ONCE, so that the donor can
    choose which to remove; the letter's own limit is checked by the form over all its photos.
    """

    MAX_FILES_AT_ONCE = 10

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
        if len(files) > self.MAX_FILES_AT_ONCE:
            raise forms.ValidationError(
                _("A letter can carry at most %(limit)d photos: choose fewer.")
                % {"limit": settings.LETTER_MAX_PHOTOS},
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


class LetterBodyField(forms.CharField):
    """A letter's text, counted as it is stored: line breaks as LF, no blanks around it.

    The page carries no `maxlength`: a browser cuts a pasted text there without a word. The
    limit is shown by a live count (data-max-chars) and checked here, and an over-long letter
    comes back whole with the error.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(validators=[letter_length_validate], **kwargs)

    def to_python(self, value) -> str:
        # Browsers send textarea line breaks as CRLF; flags count characters, so store plain LF.
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget: forms.Widget) -> dict:
        return {**super().widget_attrs(widget), "data-max-chars": str(settings.LETTER_MAX_CHARS)}


class LetterForm(forms.Form):
    SAVE_DRAFT = "save_draft"
    SUBMIT = "submit"
    CHECK = "check"

    donation = DonationChoiceField(
        label=_("Which donation is this letter about?"),
        queryset=Donation.objects.none(),
        empty_label=None,
    )
    body = LetterBodyField(
        label=_("Your letter"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        strip=True,
        help_text=_("Up to %(limit)s characters. Please write in English if your recipient may live abroad.")
        % {"limit": f"{settings.LETTER_MAX_CHARS:,}"},
        error_messages={
            "required": _("Your letter is empty. Write a few words before saving or sending it."),
        },
    )

    def __init__(self, *args, donations, letter: Letter | None = None, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.fields["donation"].queryset = donations
        if letter is not None:
            self.fields["donation"].initial = letter.donation_id
            self.fields["body"].initial = letter.body
        else:
            first = donations.first()
            if first is not None:
                self.fields["donation"].initial = first.pk


@dataclass(frozen=True)
class PhotoItem:
    """A photo the letter form shows as a thumbnail with a Remove box: attached, or kept pending."""

    public_id: str
    url: str
    number: int
    pending: bool
    remove: bool


class LetterPhotosForm(forms.Form):
    """The letter's photos: new ones chosen, ones kept from an earlier try (pending), ones to remove.

    Each chosen file is cleaned here (metadata stripped, bombs refused), so its error shows at the
    photo field together with any other error of the letter, and the good ones can be kept
    (`good_new`) whatever else is wrong with the form.
    """

    photos = MultiplePhotoField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_(
            "Up to 3 photos, JPEG or PNG, at most 10 MB each. We remove hidden data such as location."
        ),
    )
    remove_photos = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, donor: Donor, letter: Letter | None = None, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.attachments = list(letter.attachments.all()) if letter is not None else []
        posted = self.data.getlist("pending_photos") if self.is_bound else []
        # Photos pruned meanwhile, or another donor's, are simply not there.
        self.pending = pending_photos_for_donor(donor=donor, public_ids=posted)
        self.good_new: list[CleanPhoto] = []
        self.fields["remove_photos"].choices = [
            (str(photo.public_id), str(photo.public_id)) for photo in (*self.attachments, *self.pending)
        ]

    def clean_photos(self) -> list[CleanPhoto]:
        errors = []
        for upload in self.cleaned_data["photos"]:
            try:
                self.good_new.append(photo_clean(upload))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return self.good_new

    def clean(self) -> dict:
        cleaned = super().clean()
        removed = set(cleaned.get("remove_photos") or [])
        kept_attachments = [a for a in self.attachments if str(a.public_id) not in removed]
        cleaned["pending_photos"] = [p for p in self.pending if str(p.public_id) not in removed]
        total = len(kept_attachments) + len(cleaned["pending_photos"]) + len(self.good_new)
        if total > settings.LETTER_MAX_PHOTOS:
            self.add_error(
                "photos",
                forms.ValidationError(
                    _(
                        "A letter can carry at most %(limit)d photos; this one would have %(total)d. "
                        "Tick Remove under the ones to leave out."
                    )
                    % {"limit": settings.LETTER_MAX_PHOTOS, "total": total},
                    code="too_many_photos",
                ),
            )
        return cleaned

    @property
    def removed_pending(self) -> list[PendingPhoto]:
        """The kept photos the donor ticked Remove under."""
        removed = set(self.data.getlist("remove_photos")) if self.is_bound else set()
        return [p for p in self.pending if str(p.public_id) in removed]

    @property
    def kept_pending(self) -> list[PendingPhoto]:
        removed = {str(p.public_id) for p in self.removed_pending}
        return [p for p in self.pending if str(p.public_id) not in removed]

    def items(self) -> list[PhotoItem]:
        """The photos to show as thumbnails, numbered as the letter will carry them."""
        ticked = set(self.data.getlist("remove_photos")) if self.is_bound else set()
        items = []
        for attachment in self.attachments:
            url = reverse(
                "correspondence:letter_attachment",
                kwargs={"public_id": self.letter.public_id, "attachment_id": attachment.public_id},
            )
            items.append((str(attachment.public_id), url, False))
        for photo in self.pending:
            url = reverse("correspondence:pending_photo", kwargs={"public_id": photo.public_id})
            items.append((str(photo.public_id), url, True))
        return [
            PhotoItem(public_id=pid, url=url, number=n, pending=pending, remove=pid in ticked and not pending)
            for n, (pid, url, pending) in enumerate(items, start=1)
        ]


class LetterCheckForm(forms.Form):
    """What "Check my letter" needs: the text and the donation (photos and drafts play no part)."""

    donation = forms.ModelChoiceField(queryset=Donation.objects.none())
    body = LetterBodyField()

    def __init__(self, *args, donations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["donation"].queryset = donations

    def error_text(self) -> str:
        """Return what the writer is told when there is nothing to check."""
        too_long = "body" in self.errors and self.errors["body"].as_data()[0].code == "letter_too_long"
        if too_long and "donation" not in self.errors:
            return self.errors["body"][0]
        return str(_("Write your letter first, then check it."))


class FlagAddForm(forms.Form):
    """A redaction the caseworker adds on the review page: a selection (start, end) or words typed.

    `mode`: "add" a redaction, or "narrow" / "split" the wider flag the selection lies in.
    """

    label = forms.CharField(required=False)
    text = forms.CharField(required=False)
    start = forms.CharField(required=False)
    end = forms.CharField(required=False)
    mode = forms.CharField(required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        common = {"label": cleaned.get("label", ""), "mode": cleaned.get("mode") or "add"}
        if cleaned.get("text") and not cleaned.get("start"):
            return {**common, "text": cleaned["text"]}
        try:
            start, end = int(cleaned.get("start", "")), int(cleaned.get("end", ""))
        except ValueError:
            raise forms.ValidationError(_("Select the words to redact first."), code="no_selection") from None
        return {**common, "start": start, "end": end}


class ConsentChangeForm(forms.Form):
    """The donor's confirmation on the consent page: giving consent needs the box ticked."""

    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, status: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.status = status

    def clean(self) -> dict:
        cleaned = super().clean()
        # Not required=True on the field: the page says it in its own words, above the box.
        if self.status == Consent.Status.GIVEN and not cleaned.get("confirm"):
            raise forms.ValidationError(
                _("Tick the box to confirm, or go back without giving consent."), code="not_confirmed"
            )
        return cleaned


class HeldDecisionForm(forms.Form):
    """A caseworker's decision on a held letter (services.policy.letter_held_decide checks the rest)."""

    action = forms.ChoiceField(
        choices=[("forward", _("Forward now")), ("hold", _("Keep holding")), ("refuse", _("Refuse"))]
    )
    reason = forms.CharField(required=False)
    hold_until = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
