from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    donor_number = forms.CharField(
        label=_("Donor number"),
        max_length=20,
        help_text=_("As printed on your donor card or in our letters."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "characters"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("For example 1990-05-17."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
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
