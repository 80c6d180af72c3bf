import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from correspondence.photos import CleanPhoto


class Letter(models.Model):
    """One version of a letter between a donor and a patient, and where it is in its life."""

    class Direction(models.TextChoices):
        DONOR_TO_PATIENT = "donor_to_patient", _("Donor to patient")
        PATIENT_TO_DONOR = "patient_to_donor", _("Patient to donor")

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        HEALTH_UPDATE = "health_update", _("Health update")

    class HealthStatus(models.TextChoices):
        """The short, anonymous status a transplant centre gives in a health update."""

        RECOVERING_WELL = "recovering_well", _("Recovering well")
        BACK_TO_EVERYDAY_LIFE = "back_to_everyday_life", _("Back to everyday life")
        STABLE = "stable", _("Stable")
        IN_TREATMENT = "in_treatment", _("Still in treatment")
        DIFFICULT_TIME = "difficult_time", _("Going through a difficult time")

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
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LETTER)
    health_status = models.CharField(
        _("health status"),
        max_length=30,
        choices=HealthStatus.choices,
        blank=True,
        help_text=_("Only for a health update from the transplant centre."),
    )
    # Blank only for a health update without words (a constraint says so).
    body = models.TextField(
        _("letter"), blank=True, validators=[MaxLengthValidator(settings.LETTER_MAX_CHARS)]
    )
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
            models.CheckConstraint(
                condition=models.Q(kind="letter", health_status="")
                | (
                    models.Q(kind="health_update", direction="patient_to_donor") & ~models.Q(health_status="")
                ),
                name="letter_health_update_has_status",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="health_update") | ~models.Q(body=""),
                name="letter_has_text_unless_health_update",
            ),
        ]

    def __str__(self) -> str:
        return f"Letter {self.public_id} v{self.version} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("correspondence:letter_detail", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        if self.kind == self.Kind.LETTER and not self.body.strip():
            raise ValidationError({"body": _("A letter needs some text.")}, code="empty_letter")
        if self.kind == self.Kind.HEALTH_UPDATE and not self.health_status:
            raise ValidationError({"health_status": _("Choose a health status.")}, code="no_health_status")

    @property
    def is_health_update(self) -> bool:
        return self.kind == self.Kind.HEALTH_UPDATE

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


# Until it travels on: a held letter waits for its date or condition, and its writer may still stop it.
WITHDRAWABLE = (
    Letter.Status.DRAFT,
    Letter.Status.SUBMITTED,
    Letter.Status.SCREENING,
    Letter.Status.IN_REVIEW,
    Letter.Status.HELD,
)


def _random_photo_name(folder: str, content_type: str) -> str:
    extension = {"image/jpeg": "jpg", "image/png": "png"}.get(content_type, "bin")
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """Store attachments under a random name: the uploaded file name may identify someone."""
    return _random_photo_name("attachments", instance.content_type)


def pending_photo_path(instance: "PendingPhoto", filename: str) -> str:
    """Store a pending photo under a random name, apart from the letters' photos."""
    return _random_photo_name("pending", instance.content_type)


class StoredPhoto(models.Model):
    """A photo stored after `photos.photo_clean` re-drew it: its kind, size in bytes, digest and pixels."""

    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def take(self, photo: "CleanPhoto") -> None:
        """Fill the fields and the file (under a random name) from a cleaned photo; the row is not saved."""
        self.content_type = photo.content_type
        self.size = len(photo.content)
        self.sha256 = photo.sha256
        self.width = photo.width
        self.height = photo.height
        self.file.save("photo", ContentFile(photo.content), save=False)


class Attachment(StoredPhoto):
    """A photo attached to a letter, its metadata stripped on upload."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.content_type} {self.width}x{self.height} ({self.size} bytes)"


class PendingPhoto(StoredPhoto):
    """A photo a donor chose on the letter form that has no letter yet: the form came back with an
    error, or was only checked. Kept (already stripped of metadata) so the donor need not choose it
    again; it becomes an Attachment when the letter is saved or sent, and is pruned after a day."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey("donors.Donor", on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=pending_photo_path)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"pending {self.content_type} {self.width}x{self.height}"


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
        # A caseworker's choice for what fits no other kind (a nickname of a team, a rare detail):
        # readers see "[redacted]".
        OTHER = "OTHER", _("Other")

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
        FLAG_NARROWED = "flag_narrowed", _("Redaction narrowed")
        FLAG_SPLIT = "flag_split", _("Redaction split")
        APPROVED = "approved", _("Approved")
        HELD = "held", _("Held by the country rules")
        HELD_DECIDED = "held_decided", _("Held letter decided by a caseworker")
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


class ContactDecline(models.Model):
    """The patient declined contact for a donation: no letter travels either way until it is lifted.

    One row per time the patient declined; lifting (the centre or a caseworker, when the patient
    changes their mind) fills in `lifted_at`. At most one is open per donation.
    """

    donation = models.ForeignKey("donors.Donation", on_delete=models.PROTECT, related_name="contact_declines")
    declined_at = models.DateTimeField(_("declined at"), auto_now_add=True)
    declined_via = models.CharField(_("recorded through"), max_length=20)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_via = models.CharField(_("lifted through"), max_length=20, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-declined_at", "-pk"]
        verbose_name = _("contact declined by the patient")
        verbose_name_plural = _("contacts declined by patients")
        constraints = [
            models.UniqueConstraint(
                fields=["donation"],
                condition=models.Q(lifted_at__isnull=True),
                name="contact_decline_one_open_per_donation",
            ),
        ]

    def __str__(self) -> str:
        return f"contact declined ({self.donation})"

    @property
    def is_open(self) -> bool:
        return self.lifted_at is None


class PatientReport(models.Model):
    """The transplant centre reported that the patient died or relapsed.

    Until a caseworker decides, letters about the donation are held in both directions and the
    donor is told nothing automatically; the caseworker decides whether letters may travel again
    and what the donor is told.
    """

    class Kind(models.TextChoices):
        DECEASED = "deceased", _("The patient has died")
        RELAPSED = "relapsed", _("The patient has relapsed")

    class Outcome(models.TextChoices):
        RESUME = "resume", _("Letters may travel again")
        STOP = "stop", _("No further letters about this donation")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donation = models.ForeignKey("donors.Donation", on_delete=models.PROTECT, related_name="patient_reports")
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("on"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    reported_via = models.CharField(_("reported through"), max_length=20)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("caseworker's decision"), max_length=10, choices=Outcome.choices, blank=True)
    donor_message = models.TextField(
        _("message to the donor"),
        blank=True,
        max_length=4000,
        help_text=_("Shown on the donor's pages. Leave empty to tell the donor nothing here."),
    )
    donor_emailed = models.BooleanField(_("donor e-mailed that a message is waiting"), default=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("patient report (died or relapsed)")
        verbose_name_plural = _("patient reports (died or relapsed)")
        indexes = [models.Index(fields=["donation", "decided_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_at__isnull=True, outcome="")
                | (models.Q(decided_at__isnull=False) & ~models.Q(outcome="")),
                name="patient_report_decided_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.donation})"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None


class DonorNotice(models.Model):
    """Something the correspondence office tells a donor on their pages ("Messages").

    Notices of a kind other than `office_message` carry no text: their words are the page's, so
    they are translated when shown. The e-mail that goes with one never carries its content.
    """

    class Kind(models.TextChoices):
        CONTACT_DECLINED = "contact_declined", _("Your recipient would rather not receive letters")
        CONTACT_RESUMED = "contact_resumed", _("Your recipient is again open to letters")
        OFFICE_MESSAGE = "office_message", _("A message from the correspondence office")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey("donors.Donor", on_delete=models.PROTECT, related_name="notices")
    donation = models.ForeignKey(
        "donors.Donation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    text = models.TextField(blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["donor", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="office_message") & ~models.Q(text="")
                | ~models.Q(kind="office_message") & models.Q(text=""),
                name="donor_notice_text_only_for_office_messages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.donor_id}"


class DonorQuestion(models.Model):
    """A donor's question to the correspondence office, and a caseworker's answer. Never forwarded."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey("donors.Donor", on_delete=models.PROTECT, related_name="questions")
    donation = models.ForeignKey(
        "donors.Donation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about donation"),
    )
    text = models.TextField(_("question"), validators=[MaxLengthValidator(settings.QUESTION_MAX_CHARS)])
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True, validators=[MaxLengthValidator(4000)])
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer_read_at = models.DateTimeField(_("answer read at"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("donor's question")
        verbose_name_plural = _("donors' questions")
        indexes = [models.Index(fields=["answered_at", "asked_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True, answer="")
                | (models.Q(answered_at__isnull=False) & ~models.Q(answer="")),
                name="donor_question_answer_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"question of {self.asked_at:%d %b %Y %H:%M}" if self.asked_at else "question"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class OfficeEvent(models.Model):
    """Append-only audit trail of what is not a letter: questions, declined contact, patient reports,
    notices. Holds ids and states only, never the words of a question, answer or message."""

    class Kind(models.TextChoices):
        QUESTION_ASKED = "question_asked", _("Question asked")
        QUESTION_ANSWERED = "question_answered", _("Question answered")
        ANSWER_READ = "answer_read", _("Answer read by the donor")
        CONTACT_DECLINED = "contact_declined", _("The patient declined contact")
        CONTACT_RESUMED = "contact_resumed", _("The patient's decline lifted")
        PATIENT_REPORTED = "patient_reported", _("The centre reported news about the patient")
        PATIENT_REPORT_DECIDED = "patient_report_decided", _("A caseworker decided on the news")
        NOTICE_SENT = "notice_sent", _("The donor was told on their pages")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    donation = models.ForeignKey(
        "donors.Donation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    question = models.ForeignKey(
        DonorQuestion, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Office events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Office events are append-only.")


def intake_path(instance: "IntakeFile", filename: str) -> str:
    """Store scans under a random name in their own private folder: a file name may identify someone."""
    return f"intake/{uuid.uuid4().hex}.{INTAKE_EXTENSIONS.get(instance.content_type, 'bin')}"


INTAKE_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/pdf": "pdf",
    "message/rfc822": "eml",
}


class Intake(models.Model):
    """A letter that came on paper or by e-mail, taken in by a caseworker: the scan or message, the text
    read from it and corrected, and the letter it became. The scan stays in the office: only the
    corrected text and the photos taken from it travel on, through screening and review."""

    class Source(models.TextChoices):
        SCAN = "scan", _("Scan or photo")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        READING = "reading", _("Reading the text")
        READY = "ready", _("Ready for correction")
        SUBMITTED = "submitted", _("Sent to screening")
        DISCARDED = "discarded", _("Discarded")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donation = models.ForeignKey("donors.Donation", on_delete=models.PROTECT, related_name="intakes")
    direction = models.CharField(_("direction"), max_length=20, choices=Letter.Direction.choices)
    source = models.CharField(_("came as"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.READING)
    language = models.CharField(_("language of the text (OCR)"), max_length=40, default="eng")
    text = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(settings.LETTER_MAX_CHARS)])
    read_problems = models.JSONField(_("what could not be read"), default=list, blank=True)
    # An e-mail's sender, kept in the office for screening (as a known identity); never in the letter.
    sender_name = models.CharField(max_length=200, blank=True)
    sender_address = models.CharField(max_length=320, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    discarded_at = models.DateTimeField(null=True, blank=True)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the scans, pages and photos were deleted: at once when set aside, some days after the
    # letter left review otherwise (correspondence/services/intake.py, intakes_files_expire).
    files_deleted_at = models.DateTimeField(null=True, blank=True)
    letter = models.OneToOneField(
        Letter, on_delete=models.PROTECT, null=True, blank=True, related_name="intake", editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("letter on paper or by e-mail")
        verbose_name_plural = _("letters on paper and e-mail")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="submitted", letter__isnull=False)
                | (~models.Q(status="submitted") & models.Q(letter__isnull=True)),
                name="intake_submitted_has_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"Intake {self.public_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("admin:correspondence_intake_detail", kwargs={"public_id": self.public_id})


class IntakeFile(models.Model):
    """A file of an intake: an original as received, an image of one page, or a photo to attach."""

    class Role(models.TextChoices):
        ORIGINAL = "original", _("Original")
        PAGE = "page", _("Page")
        PHOTO = "photo", _("Photo")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=10, choices=Role.choices)
    file = models.FileField(upload_to=intake_path)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField(
        default=1, help_text=_("Order among the intake's files of a role.")
    )
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, help_text=_("A page's text as read."))
    text_source = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "number", "pk"]

    def __str__(self) -> str:
        return f"{self.role} {self.number} of {self.intake_id}"
