from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The date parts of a date of birth, in the order the page shows them.
PARTS = ("day", "month", "year")


class DateOfBirthWidget(forms.MultiWidget):
    """Day, month and year as three labelled number boxes, the memorable-date pattern.

    A browser's date picker shows its own format (mm/dd/yyyy, dd.mm.yyyy, …) whatever the page's hint
    says, and is slow for a date decades back; three labelled boxes read the same in every locale.
    """

    template_name = "donors/widgets/date_of_birth.html"

    def __init__(self, attrs: dict | None = None) -> None:
        def box(part: str, size: int) -> forms.TextInput:
            return forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": f"bday-{part}",
                    "maxlength": str(size),
                    "class": f"date-part date-part-{part}",
                    "spellcheck": "false",
                }
            )

        super().__init__({"day": box("day", 2), "month": box("month", 2), "year": box("year", 4)}, attrs)

    def decompress(self, value: date | None) -> list:
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name: str, value, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        id_ = context["widget"]["attrs"].get("id")
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = labels[part]
            if id_:
                subwidget["attrs"]["id"] = f"{id_}_{part}"
            # aria-describedby and aria-invalid are set on the group (the fieldset), not on each box.
            subwidget["attrs"].pop("aria-describedby", None)
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else id_


class DateOfBirthField(forms.MultiValueField):
    """A date of birth from day, month and year boxes; a missing part or an impossible date is an error."""

    widget = DateOfBirthWidget

    default_error_messages = {
        "required": _("Enter your date of birth: day, month and year, for example 17 5 1990."),
        "incomplete": _("Enter your whole date of birth: day, month and year, for example 17 5 1990."),
        "invalid": _("Enter a real date of birth, for example 17 5 1990."),
        "future": _("Your date of birth must be in the past."),
    }

    def __init__(self, **kwargs) -> None:
        part = {"required": False}
        fields = (
            forms.CharField(max_length=2, **part),
            forms.CharField(max_length=2, **part),
            forms.CharField(max_length=4, **part),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value) -> date | None:
        parts = [str(v or "").strip() for v in (value or [])] or ["", "", ""]
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        if not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = (int(p) for p in parts)
        try:
            born = date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if born > timezone.localdate():
            raise forms.ValidationError(self.error_messages["future"], code="future")
        return born


class SignInForm(forms.Form):
    donor_number = forms.CharField(
        label=_("Donor number"),
        max_length=20,
        help_text=_("As printed on your donor card or in our letters."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "characters"}),
    )
    date_of_birth = DateOfBirthField(
        label=_("Date of birth"),
        help_text=_("Day, month and year, for example 17 5 1990."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Sign-in code"),
        min_length=6,
        max_length=6,
        help_text=_("The 6-digit code we have just e-mailed to you. It is valid for 10 minutes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code has 6 digits."), code="code_format")
        return code
