import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from donors.countries import country_choices

donor_number_validator = RegexValidator(
    r"^[A-Z0-9-]{4,20}$",
    _("A donor number has 4 to 20 capital letters, digits or dashes."),
    code="donor_number",
)


def normalise_donor_number(value: str) -> str:
    """Return a donor number as stored: upper case, without spaces."""
    return "".join((value or "").split()).upper()


class Donor(models.Model):
    """A registered donor and the identity the registry holds (flagged wherever it appears in a letter)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="donor")
    donor_number = models.CharField(
        _("donor number"), max_length=20, unique=True, validators=[donor_number_validator]
    )
    registry_country = models.CharField(_("registry country"), max_length=2, choices=country_choices)
    date_of_birth = models.DateField(_("date of birth"))
    email = models.EmailField(_("e-mail"))
    given_names = models.CharField(_("given names"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=200)
    nicknames = models.CharField(
        _("nicknames"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    city = models.CharField(_("city"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["donor_number"]

    def __str__(self) -> str:
        return self.donor_number

    def save(self, *args, **kwargs) -> None:
        self.donor_number = normalise_donor_number(self.donor_number)
        super().save(*args, **kwargs)

    @property
    def nickname_list(self) -> list[str]:
        return [n.strip() for n in self.nicknames.split(",") if n.strip()]


class Donation(models.Model):
    """One donation from a donor to a patient: what letters are about."""

    class Product(models.TextChoices):
        FRESH = "fresh", _("Fresh")
        CRYOPRESERVED = "cryopreserved", _("Cryopreserved")
        CORD = "cord", _("Cord blood")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="donations")
    patient = models.ForeignKey("clinics.Patient", on_delete=models.PROTECT, related_name="donations")
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    product = models.CharField(_("product"), max_length=20, choices=Product.choices, default=Product.FRESH)
    first_transplant_date = models.DateField(_("first transplant date"), null=True, blank=True)
    requested_date = models.DateField(
        _("date requested for the patient"),
        null=True,
        blank=True,
        help_text=_("For a cryopreserved product: when the cells were requested for this patient."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_transplant_date", "pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def infusion_dates(self) -> list:
        """Every transplant date, the first one included, oldest first."""
        dates = [i.date for i in self.infusions.all()]
        if self.first_transplant_date:
            dates.append(self.first_transplant_date)
        return sorted(set(dates))

    @property
    def last_transplant_date(self):
        dates = self.infusion_dates
        return dates[-1] if dates else None


class Infusion(models.Model):
    """A later infusion (a second transplant or a lymphocyte top-up) of the same donation."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="infusions")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["donation", "date"], name="infusion_unique_date")]

    def __str__(self) -> str:
        return f"{self.donation} {self.date}"


class SignInCode(models.Model):
    """A one-time sign-in code e-mailed to a donor; only its hash is stored."""

    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    # A keyed hash of the client address that asked for the code (for the cap per client), never the address.
    client = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["donor", "-created_at"]),
            models.Index(fields=["client", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"code for {self.donor} at {self.created_at:%Y-%m-%d %H:%M}"


class IdentityView(models.Model):
    """An audit row: a member of staff saw a donor's or a patient's identity (append-only).

    Kept here with a kind and an id rather than a foreign key, so that donors knows nothing of clinics.
    On PostgreSQL a trigger refuses to update or delete these rows (migration 0003).
    """

    class Kind(models.TextChoices):
        DONOR = "donor", _("Donor")
        PATIENT = "patient", _("Patient")

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("whose identity"), max_length=10, choices=Kind.choices)
    subject_id = models.PositiveBigIntegerField(_("donor or patient id"))
    page = models.CharField(_("where"), max_length=40)
    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["kind", "subject_id", "-viewed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id} seen by {self.viewer_id} at {self.viewed_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Identity views are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Identity views are append-only.")
