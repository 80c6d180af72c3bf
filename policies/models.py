from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from donors.countries import country_choices


class CountryRule(models.Model):
    """One country's rules for anonymous letters and direct contact, with where they come from."""

    class Anchor(models.TextChoices):
        FIRST_TRANSPLANT = "first_transplant", _("First transplant")
        LAST_TRANSPLANT = "last_transplant", _("Last transplant")

    class Initiator(models.TextChoices):
        EITHER = "either", _("Either side")
        RECIPIENT = "recipient", _("The recipient")

    class Gifts(models.TextChoices):
        NO = "no", _("No gifts")
        SMALL = "small", _("Small gifts of no economic value")
        YES = "yes", _("Gifts allowed")

    country = models.CharField(_("country"), max_length=2, unique=True, choices=country_choices)
    registry = models.CharField(_("registry"), max_length=200, blank=True)
    anonymous_letters = models.BooleanField(_("anonymous letters allowed"), default=True)
    direct_contact = models.BooleanField(
        _("direct contact allowed"),
        default=False,
        help_text=_("Whether identities may ever be exchanged, with both sides' consent."),
    )
    anonymity_months = models.PositiveSmallIntegerField(
        _("anonymity period (months)"),
        null=True,
        blank=True,
        help_text=_("Minimum time before direct contact; empty where direct contact is never allowed."),
    )
    anonymity_anchor = models.CharField(
        _("anonymity period counted from"),
        max_length=20,
        choices=Anchor.choices,
        default=Anchor.FIRST_TRANSPLANT,
    )
    initiator = models.CharField(
        _("who may ask for direct contact first"),
        max_length=20,
        choices=Initiator.choices,
        default=Initiator.EITHER,
    )
    max_letters_per_side = models.PositiveSmallIntegerField(
        _("maximum letters per side"), null=True, blank=True, help_text=_("Empty: no cap.")
    )
    letter_window_months = models.PositiveSmallIntegerField(
        _("letter window (months after transplant)"),
        null=True,
        blank=True,
        help_text=_("Anonymous letters only within this many months of transplant. Empty: no limit."),
    )
    photos = models.BooleanField(_("photos allowed while anonymous"), default=False)
    gifts = models.CharField(_("gifts"), max_length=10, choices=Gifts.choices, default=Gifts.NO)
    source = models.TextField(_("source"), help_text=_("Where these rules come from."))
    notes = models.TextField(_("notes"), blank=True)
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Unverified rules are shown to caseworkers as such.")
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(direct_contact=False) | models.Q(anonymity_months__isnull=False),
                name="countryrule_direct_contact_has_period",
                violation_error_message=_("Give the anonymity period when direct contact is allowed."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_letters_per_side__isnull=True) | models.Q(max_letters_per_side__gte=1),
                name="countryrule_letter_cap_positive",
                violation_error_message=_(
                    "A letter cap is at least 1; to forbid letters, untick anonymous letters."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.registry}".strip()
