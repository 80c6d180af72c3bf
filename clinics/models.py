from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey
from simple_history.models import HistoricalRecords

from donors.countries import country_choices


class TransplantCentre(models.Model):
    """A transplant centre; its country and its own, possibly stricter, correspondence rules."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "Where the office tells the centre that a reply was returned or refused, or that a donor agreed "
            "to direct contact. Never sent any part of a letter."
        ),
    )
    allows_anonymous_correspondence = models.BooleanField(_("allows anonymous correspondence"), default=True)
    allows_direct_contact = models.BooleanField(_("allows direct contact"), default=True)
    min_anonymity_months = models.PositiveSmallIntegerField(
        _("minimum anonymity period (months)"),
        null=True,
        blank=True,
        help_text=_("Only when the centre asks for longer than the countries' rules."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Patient(models.Model):
    """A patient, pseudonymous: the centre's own reference, plus what the centre shares for matching only."""

    centre = models.ForeignKey(TransplantCentre, on_delete=models.PROTECT, related_name="patients")
    reference = models.CharField(_("centre's reference"), max_length=60)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    nicknames = models.CharField(
        _("nicknames"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    city = models.CharField(_("city"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["centre", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "reference"], name="patient_unique_reference")
        ]

    def __str__(self) -> str:
        return f"{self.centre.code}/{self.reference}"

    @property
    def nickname_list(self) -> list[str]:
        return [n.strip() for n in self.nicknames.split(",") if n.strip()]


class CentreAPIKey(AbstractAPIKey):
    """A transplant centre's API key: only its hash is stored; revoke it in the admin."""

    centre = models.ForeignKey(TransplantCentre, on_delete=models.CASCADE, related_name="api_keys")

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("centre API key")
        verbose_name_plural = _("centre API keys")


class IdempotentRequest(models.Model):
    """A centre's POST under an Idempotency-Key, with the response it got: a retry gets the same answer."""

    centre = models.ForeignKey(TransplantCentre, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text=_("SHA-256 of the method, path and body."))
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "key"], name="idempotent_request_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id}:{self.key}"
