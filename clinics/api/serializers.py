"""Every serializer of the clinic API, each with a unique name (they are the schema's component names).

Output serializers read only the letter's RedactedVersion, never `Letter.body`, flags or notes.
"""

from collections.abc import Iterable
from typing import Literal

from django.conf import settings
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clinics.api import fhir
from correspondence.models import Attachment, Consent, Letter, PatientReport
from donors.models import Donation
from policies.explain import explain_all, hold_condition

# Some character other than white space, white space as JSON Schema's (ECMAScript's) \s has it, spelt
# out because Python's \s and str.strip() also take \x1c-\x1f and \x85: the schema's `pattern`.
NOT_BLANK = RegexValidator(
    r"[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]",
    gettext_lazy("Write something other than spaces."),
    code="blank",
)


class StrictCharField(serializers.CharField):
    """A string, and only a string: DRF would turn a JSON number or boolean into one.

    A NUL character, which PostgreSQL cannot store, becomes U+FFFD (as an undecodable byte would).
    """

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data.replace("\x00", "\ufffd"))

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("trim_whitespace", False)  # NOT_BLANK decides what is blank
        kwargs.setdefault("validators", [NOT_BLANK])
        super().__init__(**kwargs)


class StrictUUIDField(serializers.UUIDField):
    """A UUID written as a string: DRF would take a JSON integer as UUID(int=...)."""

    def to_internal_value(self, data: object):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class ApiErrorSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="A stable, machine-readable code, e.g. not_found, invalid, throttled."
    )
    message = serializers.CharField(help_text="What went wrong, in words a person can act on.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid requests: the messages per field.",
    )


class CentreAttachmentSerializer(serializers.ModelSerializer):
    """A photo the caseworker released, re-encoded on upload so that it carries no metadata."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    url = serializers.SerializerMethodField(help_text="Where to download the photo (with the same API key).")

    class Meta:
        model = Attachment
        fields = ["id", "content_type", "size", "width", "height", "sha256", "url"]
        read_only_fields = fields

    def get_url(self, attachment: Attachment) -> str:
        path = reverse(
            "clinics_api:letter_attachment",
            kwargs={"public_id": self.context["letter"].public_id, "attachment_id": attachment.public_id},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CentreLetterSerializer(serializers.ModelSerializer):
    """A donor's letter as forwarded to the centre: its redacted text only."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    status = serializers.ChoiceField(
        choices=[Letter.Status.FORWARDED.value, Letter.Status.DELIVERED.value],
        read_only=True,
        help_text="forwarded: waiting for your acknowledgement; delivered: acknowledged.",
    )
    patient_reference = serializers.CharField(source="donation.patient.reference", read_only=True)
    donation_id = serializers.UUIDField(source="donation.public_id", read_only=True)
    donation_reference = serializers.CharField(source="donation.reference", read_only=True)
    sent_at = serializers.DateTimeField(source="forwarded_at", read_only=True)
    text = serializers.CharField(source="redacted.text", read_only=True, help_text="The redacted text.")
    in_reply_to = serializers.UUIDField(
        source="in_reply_to.public_id",
        read_only=True,
        allow_null=True,
        help_text="The id of your patient's reply this letter answers, if any.",
    )

    class Meta:
        model = Letter
        fields = [
            "id",
            "status",
            "patient_reference",
            "donation_id",
            "donation_reference",
            "sent_at",
            "delivered_at",
            "language",
            "in_reply_to",
            "text",
        ]
        read_only_fields = fields


_DATETIME = serializers.DateTimeField()  # the format and time zone of the serializers' fields


def centre_letter_rows(rows: Iterable[tuple]) -> list[dict]:
    """CentreLetterSerializer's output, field for field, for rows of selectors.letter_rows_for_centre.

    Built by hand for the letters list: a page of 50 through the serializer's fields costs more
    than the query. The schema still comes from CentreLetterSerializer; a test holds both equal.
    """
    datetime = _DATETIME.to_representation
    return [
        {
            "id": str(row.public_id),
            "status": row.status,
            "patient_reference": row.donation__patient__reference,
            "donation_id": str(row.donation__public_id),
            "donation_reference": row.donation__reference,
            "sent_at": datetime(row.forwarded_at),
            "delivered_at": datetime(row.delivered_at),
            "language": row.language,
            "in_reply_to": None if row.in_reply_to__public_id is None else str(row.in_reply_to__public_id),
            "text": row.redacted__text,
        }
        for row in rows
    ]


class CentreLetterDetailSerializer(CentreLetterSerializer):
    """A forwarded letter with the photos the caseworker released."""

    attachments = serializers.SerializerMethodField()

    class Meta(CentreLetterSerializer.Meta):
        fields = [*CentreLetterSerializer.Meta.fields, "attachments"]
        read_only_fields = fields

    @extend_schema_field(CentreAttachmentSerializer(many=True))
    def get_attachments(self, letter: Letter) -> list[dict]:
        return CentreAttachmentSerializer(
            letter.redacted.attachments.all(), many=True, context={**self.context, "letter": letter}
        ).data


class ReplyCreateSerializer(serializers.Serializer):
    """A reply as JSON (without photos)."""

    donation_id = StrictUUIDField(help_text="The donation the reply is about (from a letter's donation_id).")
    text = StrictCharField(
        max_length=settings.LETTER_MAX_CHARS,
        help_text="The patient's reply, as written; it will be screened.",
    )
    in_reply_to = StrictUUIDField(
        required=False, help_text="The id of the donor's letter this reply answers (leave out if none)."
    )


class ReplyWithPhotosCreateSerializer(ReplyCreateSerializer):
    """A reply with photos, sent as multipart/form-data (`photos` repeated)."""

    photos = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=settings.LETTER_MAX_PHOTOS,
        help_text="Up to 3 JPEG or PNG photos; their metadata is stripped on upload.",
    )


class ReplySerializer(serializers.ModelSerializer):
    """A patient's reply and where it is: screened, reviewed by a caseworker, then forwarded to the donor
    (or held, returned or refused, with the reason). Its text is never sent back."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    reference = serializers.CharField(
        read_only=True,
        help_text="A short reference to quote to the correspondence office (and in its e-mails).",
    )
    donation_id = serializers.UUIDField(source="donation.public_id", read_only=True)
    status_reason = serializers.CharField(
        read_only=True,
        help_text=(
            "For a returned, refused or held reply: why, in words for the writer (a returned reply needs a "
            "change: send a revised one). Empty otherwise."
        ),
    )
    in_reply_to = serializers.UUIDField(source="in_reply_to.public_id", read_only=True, allow_null=True)
    photos = serializers.SerializerMethodField(help_text="How many photos came with the reply.")

    class Meta:
        model = Letter
        fields = [
            "id",
            "reference",
            "donation_id",
            "status",
            "status_reason",
            "submitted_at",
            "forwarded_at",
            "delivered_at",
            "updated_at",
            "in_reply_to",
            "photos",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "forwarded_at": {"help_text": "When it was sent on to the donor."},
            "delivered_at": {"help_text": "When the donor first opened it."},
            "updated_at": {"help_text": "When anything about the reply last changed."},
        }

    @extend_schema_field(OpenApiTypes.INT)
    def get_photos(self, reply: Letter) -> int:
        count = getattr(reply, "photo_count", None)  # annotated by clinics.selectors.replies_for_centre
        return reply.attachments.count() if count is None else count


class ConsentCreateSerializer(serializers.Serializer):
    donation_id = StrictUUIDField()
    status = serializers.ChoiceField(choices=Consent.Status.choices)
    signed_on = serializers.DateField(help_text="The date the patient signed the form (not in the future).")
    signed_form_reference = StrictCharField(
        max_length=100,
        help_text="Your reference of the signed form, to find it on request.",
    )

    def validate_signed_on(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("A form cannot be signed in the future."), code="future_date")
        return value


class ConsentSerializer(serializers.ModelSerializer):
    donation_id = serializers.UUIDField(source="donation.public_id", read_only=True)

    class Meta:
        model = Consent
        fields = ["donation_id", "side", "status", "signed_on", "signed_form_reference", "recorded_at"]
        read_only_fields = fields


class ContactStatusSerializer(serializers.Serializer):
    """The policy's answer on direct contact between the donor and the patient."""

    donation_id = serializers.UUIDField()
    possible_now = serializers.BooleanField()
    from_date = serializers.DateField(
        allow_null=True, help_text="From when direct contact could be possible; null: never."
    )
    missing = serializers.ListField(child=serializers.CharField(), help_text="What is still missing.")
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="The rules applied, with sources."
    )


class FhirIdentifierSerializer(serializers.Serializer):
    system = serializers.CharField()
    value = serializers.CharField()


class FhirReferenceSerializer(serializers.Serializer):
    type = serializers.CharField()
    identifier = FhirIdentifierSerializer()
    display = serializers.CharField(required=False)


class FhirCodingSerializer(serializers.Serializer):
    system = serializers.CharField()
    code = serializers.CharField()
    display = serializers.CharField(required=False)


class FhirCodeableConceptSerializer(serializers.Serializer):
    coding = FhirCodingSerializer(many=True)
    text = serializers.CharField(required=False)


class FhirAttachmentSerializer(serializers.Serializer):
    contentType = serializers.CharField()
    url = serializers.CharField()
    size = serializers.IntegerField()
    title = serializers.CharField(required=False)


class FhirPayloadSerializer(serializers.Serializer):
    contentString = serializers.CharField(required=False)
    contentAttachment = FhirAttachmentSerializer(required=False)


class FhirCommunicationSerializer(serializers.Serializer):
    """A forwarded letter as a FHIR R4 Communication: from the registry (never the donor) to the centre."""

    resourceType = serializers.ChoiceField(choices=["Communication"])
    id = serializers.CharField()
    identifier = FhirIdentifierSerializer(many=True)
    status = serializers.ChoiceField(
        choices=["in-progress", "completed"],
        help_text="in-progress: forwarded, not yet acknowledged; completed: acknowledged (delivered).",
    )
    category = FhirCodeableConceptSerializer(many=True)
    subject = FhirReferenceSerializer(help_text="The patient, by the centre's own identifier.")
    sender = FhirReferenceSerializer(help_text="The registry's correspondence office, an Organization.")
    recipient = FhirReferenceSerializer(many=True, help_text="The transplant centre.")
    sent = serializers.DateTimeField()
    received = serializers.DateTimeField(required=False, help_text="When the centre acknowledged it.")
    inResponseTo = FhirReferenceSerializer(many=True, required=False)
    payload = FhirPayloadSerializer(many=True)

    def to_representation(self, letter: Letter) -> dict:
        return fhir.communication_from_letter(letter, request=self.context.get("request"))


class LetterDecisionSerializer(serializers.Serializer):
    """What the rules decide, today, for a letter written now in one direction."""

    action = serializers.ChoiceField(
        choices=["forward", "hold", "refuse"],
        help_text=(
            "forward: it would travel after review; hold: it would wait (until hold_until, or a "
            "condition); refuse: it would not travel."
        ),
    )
    hold_until = serializers.DateField(allow_null=True)
    hold_condition = serializers.CharField(allow_null=True)
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="The rules applied, with their sources."
    )


class DirectContactNowSerializer(serializers.Serializer):
    possible_now = serializers.BooleanField()
    from_date = serializers.DateField(
        allow_null=True,
        help_text="From when direct contact could be possible; null: never, or not known yet.",
    )
    missing = serializers.ListField(child=serializers.CharField(), help_text="What is still missing.")


class DonationNowSerializer(serializers.Serializer):
    """What is possible today for the donation."""

    letter_to_donor = LetterDecisionSerializer(
        help_text="For a letter or health update from your patient written now (replies/, health-updates/)."
    )
    letter_to_patient = LetterDecisionSerializer(help_text="For a letter from the donor written now.")
    direct_contact = DirectContactNowSerializer()


class PatientReportSerializer(serializers.ModelSerializer):
    """News about the patient your centre reported; a caseworker decides what follows."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    donation_id = serializers.UUIDField(source="donation.public_id", read_only=True)
    state = serializers.SerializerMethodField(
        help_text=(
            "awaiting_caseworker: letters about the donation wait for a caseworker; letters_resumed: "
            "they travel again; letters_stopped: no further letters travel."
        )
    )

    class Meta:
        model = PatientReport
        fields = ["id", "donation_id", "kind", "occurred_on", "reported_at", "state"]
        read_only_fields = fields

    def get_state(
        self, report: PatientReport
    ) -> Literal["awaiting_caseworker", "letters_resumed", "letters_stopped"]:
        if report.decided_at is None:
            return "awaiting_caseworker"
        return "letters_stopped" if report.outcome == PatientReport.Outcome.STOP else "letters_resumed"


class CentreDonationSerializer(serializers.Serializer):
    """One of your patients' donations: never the donor's identity, only their registry's country."""

    id = serializers.UUIDField(
        source="donation.public_id", help_text="The donation_id other operations take."
    )
    reference = serializers.CharField(
        source="donation.reference", help_text="The registry's donation reference."
    )
    patient_reference = serializers.CharField(source="donation.patient.reference")
    product = serializers.ChoiceField(source="donation.product", choices=Donation.Product.choices)
    transplant_date = serializers.DateField(
        source="donation.first_transplant_date", allow_null=True, help_text="The first transplant."
    )
    last_transplant_date = serializers.DateField(
        source="donation.last_transplant_date",
        allow_null=True,
        help_text="The latest transplant or infusion.",
    )
    donor_country = serializers.CharField(
        source="donation.donor.registry_country", help_text="The donor's registry's country."
    )
    recipient_country = serializers.CharField(source="donation.patient.centre.country")
    contact_declined = serializers.BooleanField(
        source="standing.declined", help_text="Your patient declined contact; no letter travels either way."
    )
    contact_declined_at = serializers.DateTimeField(source="declined_at", allow_null=True)
    patient_reports = PatientReportSerializer(source="reports", many=True)
    now = serializers.SerializerMethodField()

    @extend_schema_field(DonationNowSerializer)
    def get_now(self, overview) -> dict:
        def decision(d) -> dict:
            return {
                "action": d.action,
                "hold_until": d.hold_until,
                "hold_condition": hold_condition(d),
                "reasons": list(explain_all(d.reasons)),
            }

        return DonationNowSerializer(
            {
                "letter_to_donor": decision(overview.to_donor),
                "letter_to_patient": decision(overview.to_patient),
                "direct_contact": {
                    "possible_now": overview.contact.possible_now,
                    "from_date": overview.contact.from_date,
                    "missing": list(explain_all(overview.contact.missing)),
                },
            }
        ).data


class PatientReportCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PatientReport.Kind.choices, help_text="deceased or relapsed.")
    occurred_on = serializers.DateField(
        required=False, allow_null=True, help_text="When it happened, if known (not in the future)."
    )

    def validate_occurred_on(self, value):
        if value is not None and value > timezone.localdate():
            raise serializers.ValidationError(_("This date is in the future."), code="future_date")
        return value


class HealthUpdateCreateSerializer(serializers.Serializer):
    donation_id = StrictUUIDField()
    health_status = serializers.ChoiceField(choices=Letter.HealthStatus.choices)
    text = StrictCharField(
        required=False,
        max_length=2_000,
        help_text="A few words, optional; screened and redacted like a letter.",
    )


class HealthUpdateSerializer(serializers.ModelSerializer):
    """A health update as stored: screened and reviewed like a letter before the donor sees it."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    donation_id = serializers.UUIDField(source="donation.public_id", read_only=True)

    class Meta:
        model = Letter
        fields = ["id", "donation_id", "status", "health_status", "submitted_at"]
        read_only_fields = fields
