import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from correspondence.signals import letters_changed


class LetterQuerySet(models.QuerySet):
    """Letters. A bulk update or delete that touches sent letters announces their centres
    (letters_changed), as post_save does for save(), so that no cache of them outlives the change."""

    def _sent_centre_ids(self, *, becoming_sent: bool = False) -> set[int]:
        """Centres of the sent letters here (of all the letters here, if they are about to be sent)."""
        letters = self if becoming_sent else self.filter(status__in=self.model.SENT)
        return set(letters.values_list("donation__patient__centre_id", flat=True)) - {None}

    def update(self, **kwargs) -> int:
        # Asked before: the update may move the letters out of this queryset.
        centre_ids = self._sent_centre_ids(becoming_sent=kwargs.get("status") in self.model.SENT)
        rows = super().update(**kwargs)
        if rows and centre_ids:
            letters_changed.send(sender=self.model, centre_ids=centre_ids)
        return rows

    update.alters_data = True

    def delete(self) -> tuple[int, dict[str, int]]:
        centre_ids = self._sent_centre_ids()
        deleted = super().delete()
        if deleted[0] and centre_ids:
            letters_changed.send(sender=self.model, centre_ids=centre_ids)
        return deleted

    delete.alters_data = True
    delete.queryset_only = True


class Letter(models.Model):
    """One version of a letter between a donor and a patient, and where it is in its life."""

    class Direction(models.TextChoices):
        DONOR_TO_PATIENT = "donor_to_patient", _("Donor to patient")
        PATIENT_TO_DONOR = "patient_to_donor", _("Patient to donor")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SCREENING = "screening", _("Being screened")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        HELD = "held", _("Held")
        FORWARDED = "forwarded", _("Forwarded")
        DELIVERED = "delivered", _("Delivered")
        RETURNED = "returned", _("Returned to the writer")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Sent to the other side: what a transplant centre (or a donor, for a reply) can read.
    SENT = (Status.FORWARDED, Status.DELIVERED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donation = models.ForeignKey("donors.Donation", on_delete=models.PROTECT, related_name="letters")
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, default=Direction.DONOR_TO_PATIENT
    )
    body = models.TextField(_("letter"), validators=[MaxLengthValidator(settings.LETTER_MAX_CHARS)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    revision_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revisions", editable=False
    )
    in_reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies", editable=False
    )
    status_reason = models.TextField(_("reason given to the writer"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("ISO 639-1, detected."))
    policy_action = models.CharField(_("policy decision"), max_length=10, blank=True)
    policy_reasons = models.JSONField(_("policy reasons"), default=list, blank=True)
    hold_until = models.DateField(_("held until"), null=True, blank=True)
    hold_condition = models.CharField(_("held until this condition"), max_length=300, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["donation", "-created_at"]),
            models.Index(fields=["status", "forwarded_at"]),
        ]
        permissions = [("review_letter", "Can review letters: decide flags, approve, return, refuse")]
        constraints = [
            models.CheckConstraint(condition=models.Q(version__gte=1), name="letter_version_positive"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="letter_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Letter {self.public_id} v{self.version} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("correspondence:letter_detail", kwargs={"public_id": self.public_id})

    @property
    def reference(self) -> str:
        """A short reference people can quote (on printed letters): L- and the id's first eight digits."""
        digits = self.public_id.hex[:8].upper()
        return f"L-{digits[:4]}-{digits[4:]}"

    @property
    def is_editable_by_writer(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_withdrawable(self) -> bool:
        return self.status in WITHDRAWABLE


WITHDRAWABLE = (
    Letter.Status.DRAFT,
    Letter.Status.SUBMITTED,
    Letter.Status.SCREENING,
    Letter.Status.IN_REVIEW,
)


def attachment_path(instance: "Attachment", filename: str) -> str:
    """Store attachments under a random name: the uploaded file name may identify someone."""
    extension = {"image/jpeg": "jpg", "image/png": "png"}.get(instance.content_type, "bin")
    return f"attachments/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """A photo attached to a letter, its metadata stripped on upload."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.content_type} {self.width}x{self.height} ({self.size} bytes)"


class Flag(models.Model):
    """A span (or a photo) the screening or a caseworker marked as identifying, and its decision."""

    class Label(models.TextChoices):
        NAME = "NAME", _("Name")
        INITIALS = "INITIALS", _("Initials")
        LOCATION = "LOCATION", _("Place")
        ORGANISATION = "ORGANISATION", _("Organisation")
        DATE = "DATE", _("Date")
        CONTACT = "CONTACT", _("Contact detail")
        ID = "ID", _("Identifying number")
        PHOTO = "PHOTO", _("Photo")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Undecided")
        ACCEPTED = "accepted", _("Redact")
        REJECTED = "rejected", _("Keep")

    CASEWORKER = "caseworker"

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="flags")
    attachment = models.ForeignKey(
        Attachment, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    label = models.CharField(max_length=20, choices=Label.choices)
    source = models.CharField(max_length=40, help_text=_("The detector that found it, or 'caseworker'."))
    confidence = models.FloatField(default=1.0)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        attachment__isnull=True,
                        start__isnull=False,
                        end__isnull=False,
                        end__gt=models.F("start"),
                    )
                    | models.Q(attachment__isnull=False, start__isnull=True, end__isnull=True)
                ),
                name="flag_is_a_span_or_a_photo",
            ),
        ]

    def __str__(self) -> str:
        where = f"{self.start}-{self.end}" if self.attachment_id is None else "photo"
        return f"{self.label} {where} ({self.decision})"

    @property
    def is_machine_flag(self) -> bool:
        return self.source != self.CASEWORKER


class LetterEvent(models.Model):
    """Append-only audit trail of a letter: who did what, when. Never holds letter text."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Started")
        UPDATED = "updated", _("Draft updated")
        SUBMITTED = "submitted", _("Sent to the registry")
        REQUEUED = "requeued", _("Screening queued again")
        SCREENED = "screened", _("Checked for identifying details")
        POLICY_DECIDED = "policy_decided", _("Country rules applied")
        CLAIMED = "claimed", _("Taken up by a caseworker")
        UNCLAIMED = "unclaimed", _("Released by the caseworker")
        ORIGINAL_OPENED = "original_opened", _("Original opened")
        PRINTED = "printed", _("Printed by the office (PDF)")
        FLAG_ACCEPTED = "flag_accepted", _("Redaction accepted")
        FLAG_REJECTED = "flag_rejected", _("Redaction rejected")
        FLAG_ADDED = "flag_added", _("Redaction added")
        FLAG_RELABELLED = "flag_relabelled", _("Redaction kind changed")
        APPROVED = "approved", _("Approved")
        HELD = "held", _("Held by the country rules")
        FORWARDED = "forwarded", _("Forwarded to the recipient's transplant centre")
        DELIVERED = "delivered", _("Delivered")
        RETURNED = "returned", _("Returned to the writer")
        REFUSED = "refused", _("Refused")
        REVISED = "revised", _("A revised version was sent")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Letter events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Letter events are append-only.")

    @property
    def label(self) -> str:
        try:
            return str(self.Kind(self.kind).label)
        except ValueError:
            return self.kind.replace("_", " ").capitalize()


class RedactedVersion(models.Model):
    """The redacted text of a letter as approved: immutable, and all the other side ever sees."""

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="redacted")
    text = models.TextField()
    attachments = models.ManyToManyField(Attachment, blank=True, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-approved_at"]

    def __str__(self) -> str:
        return f"redacted {self.letter.public_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A redacted version is immutable.")
        super().save(*args, **kwargs)


class Consent(models.Model):
    """One side's consent to direct contact, given or withdrawn; the newest record of a side counts."""

    class Side(models.TextChoices):
        DONOR = "donor", _("Donor")
        PATIENT = "patient", _("Patient")

    class Status(models.TextChoices):
        GIVEN = "given", _("Given")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    donation = models.ForeignKey("donors.Donation", on_delete=models.PROTECT, related_name="consents")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        _("recorded through"), max_length=20, help_text=_("donor page, caseworker or clinic API")
    )
    signed_form_reference = models.CharField(_("signed form reference"), max_length=100, blank=True)
    signed_on = models.DateField(_("form signed on"), null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["donation", "side", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.get_side_display()} consent {self.status} ({self.donation})"
