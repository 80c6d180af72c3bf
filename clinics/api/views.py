"""The clinic API: one view per operation, reading through clinics.selectors, writing through services.

Every view authenticates a centre's API key, is throttled per key (scope "clinic") and answers errors
as JSON (clinics.api.exceptions). Every read of a letter is recorded in its audit trail.
"""

from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from clinics.api import examples, page_cache
from clinics.api.authentication import CentreAPIKeyAuthentication
from clinics.api.filters import (
    CentreDonationFilter,
    CentreLetterFilter,
    CentreReplyFilter,
    OnlyWhenAskedFilterBackend,
)
from clinics.api.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent_post
from clinics.api.parsers import BoundedJSONParser, RequestTooLarge, max_request_bytes
from clinics.api.permissions import HasCentreAPIKey, centre_from_request
from clinics.api.renderers import FhirJSONRenderer
from clinics.api.serializers import (
    NOT_BLANK,
    ApiErrorSerializer,
    CentreDonationSerializer,
    CentreLetterDetailSerializer,
    CentreLetterSerializer,
    ConsentCreateSerializer,
    ConsentSerializer,
    ContactStatusSerializer,
    FhirCommunicationSerializer,
    HealthUpdateCreateSerializer,
    HealthUpdateSerializer,
    PatientReportCreateSerializer,
    PatientReportSerializer,
    ReplyCreateSerializer,
    ReplySerializer,
    ReplyWithPhotosCreateSerializer,
    centre_letter_rows,
)
from clinics.api.throttling import CentreKeyRateThrottle
from clinics.models import TransplantCentre
from clinics.selectors import (
    attachment_for_centre,
    contact_status_for_donation,
    donation_for_centre,
    donation_overview_for_centre,
    donation_overviews,
    donation_rows_for_centre,
    letter_for_centre,
    letter_rows_for_centre,
    replies_for_centre,
    reply_for_centre,
)
from correspondence import events
from correspondence.models import Consent, Letter
from correspondence.printing import letter_pdf_response, letter_print
from correspondence.services.consent import consent_record
from correspondence.services.delivery import letter_acknowledge
from correspondence.services.patient import (
    CLINIC_API,
    contact_decline,
    contact_resume,
    health_update_submit,
    patient_report_record,
)
from correspondence.services.replies import reply_submit
from donors.models import Donation
from policies.explain import explain_all

LETTER_ID = OpenApiParameter(
    "public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The letter's id."
)
ATTACHMENT_ID = OpenApiParameter(
    "attachment_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The photo's id."
)
REPLY_ID = OpenApiParameter(
    "public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The reply's id (from POST replies/)."
)
DONATION_ID = OpenApiParameter(
    "public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The donation's id (donation_id)."
)


def _error(description: str, **named: dict) -> OpenApiResponse:
    return OpenApiResponse(
        ApiErrorSerializer,
        description=description,
        examples=[OpenApiExample(name.replace("_", " "), value) for name, value in named.items()],
    )


UNAUTHORIZED = _error("No API key, or an unknown, revoked or expired one.", no_key=examples.UNAUTHORIZED)
NOT_FOUND = _error("No such resource, or not one of your centre's.", not_found=examples.NOT_FOUND)
THROTTLED = _error(
    "Too many requests with this key; retry after Retry-After seconds.", throttled=examples.THROTTLED
)
INVALID = _error("The request is not valid; `fields` says why, per field.", invalid=examples.INVALID)
POST_INVALID = _error(
    "The request is not valid (`fields` says why, per field), or the Idempotency-Key header is missing.",
    invalid=examples.INVALID,
    no_idempotency_key=examples.IDEMPOTENCY_KEY_MISSING,
)
KEY_REUSED = _error(
    "This Idempotency-Key was used for another request.", key_reused=examples.IDEMPOTENCY_KEY_REUSED
)
READ_ERRORS = {400: INVALID, 401: UNAUTHORIZED, 404: NOT_FOUND, 429: THROTTLED}
IN_FLIGHT = _error(
    "The first request with this Idempotency-Key is still running.", in_flight=examples.IN_FLIGHT
)
POST_ERRORS = {400: POST_INVALID, 401: UNAUTHORIZED, 409: IN_FLIGHT, 422: KEY_REUSED, 429: THROTTLED}
LETTER_POST_ERRORS = {
    **POST_ERRORS,
    409: _error(
        "The first request with this Idempotency-Key is still running; or no letter may travel for this "
        "donation: the patient declined contact (contact_declined), or a caseworker stopped letters after "
        "news about the patient (letters_stopped).",
        in_flight=examples.IN_FLIGHT,
        contact_declined=examples.CONTACT_DECLINED,
    ),
    404: NOT_FOUND,
}
LETTERS_STOPPED_CODES = ("contact_declined", "letters_stopped")


class LettersStopped(APIException):
    """No letter may travel for this donation now (the patient declined contact, or letters stopped)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "No letter may travel for this donation now."
    default_code = "contact_declined"


def _raise_if_letters_stopped(error: DjangoValidationError) -> None:
    if getattr(error, "code", None) in LETTERS_STOPPED_CODES:
        raise LettersStopped(detail=error.messages[0], code=error.code) from error


class CentreApiView(GenericAPIView):
    """Base of every clinic API view: a centre's key, throttled per key, JSON only."""

    authentication_classes = [CentreAPIKeyAuthentication]
    permission_classes = [HasCentreAPIKey]
    throttle_classes = [CentreKeyRateThrottle]
    throttle_scope = "clinic"
    renderer_classes = [JSONRenderer]
    parser_classes = [BoundedJSONParser]
    # Query parameters the operation knows; any other is refused (a typo must not widen a filter).
    query_parameters: frozenset[str] = frozenset()

    def finalize_response(self, request: Request, response: Response, *args, **kwargs) -> Response:
        """Every answer is one centre's own (letters, replies, consent): no cache may keep it."""
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > max_request_bytes():
            raise RequestTooLarge()  # before a byte of it is read
        if request.method.lower() not in self.http_method_names or not hasattr(self, request.method.lower()):
            return  # dispatch answers 405
        unknown = sorted(set(request.query_params) - self.query_parameters)
        if unknown:
            raise ValidationError(
                {name or "(empty name)": [_("Unknown query parameter.")] for name in unknown}
            )


class CentreLetterPagination(CursorPagination):
    """Newest first; the cursor stays stable while new letters arrive."""

    ordering = ("-forwarded_at", "-pk")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        """The page size asked for; anything but a whole number from 1 to 200 is refused."""
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [_("A whole number from 1 to 200.")]})
        return int(value)


class LetterListApi(CentreApiView, ListAPIView):
    serializer_class = CentreLetterSerializer
    pagination_class = CentreLetterPagination
    filterset_class = CentreLetterFilter
    query_parameters = frozenset(["since", "status", "patient", "cursor", "page_size"])

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular, generating the schema
            return Letter.objects.none()
        return letter_rows_for_centre(centre=centre_from_request(self.request))

    filter_backends = [OnlyWhenAskedFilterBackend]

    @extend_schema(
        summary="Letters forwarded to your patients",
        operation_id="letters_list",
        tags=["letters"],
        description=(
            "Donors' letters to your centre's patients once a caseworker approved and forwarded them: "
            "the redacted text only. Newest first, by cursor pages (follow `next`). Every read is "
            "recorded in the letter's audit trail."
        ),
        responses={200: CentreLetterSerializer(many=True), **READ_ERRORS},
        parameters=[
            OpenApiParameter(
                "patient",
                {"type": "string", "minLength": 1, "pattern": NOT_BLANK.regex.pattern},
                description="Only the letters to this patient: your centre's own patient reference.",
            ),
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1, "maximum": CentreLetterPagination.max_page_size},
                description="Letters per page (default 50).",
            ),
        ],
        examples=[examples.LETTER_LIST],
    )
    def get(self, request: Request, *args, **kwargs) -> HttpResponse:
        centre = centre_from_request(request)
        slot = page_cache.page_slot(centre_id=centre.pk, url=request.build_absolute_uri())
        page = slot.get()
        if page is None:
            rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
            payload = self.get_paginated_response(centre_letter_rows(rows)).data
            # Rendered here, once, so that a cached page is sent as it is (the only renderer is JSON).
            page = page_cache.CachedPage(
                content=JSONRenderer().render(payload), letter_ids=tuple(row.pk for row in rows)
            )
            slot.put(page)
        events.letters_read_by_centre(letter_ids=page.letter_ids, centre_code=centre.code, via="list")
        return HttpResponse(page.content, content_type=JSONRenderer.media_type)


class LetterDetailApi(CentreApiView):
    serializer_class = CentreLetterDetailSerializer

    @extend_schema(
        summary="One forwarded letter, with its released photos",
        operation_id="letter_retrieve",
        tags=["letters"],
        parameters=[LETTER_ID],
        responses={200: CentreLetterDetailSerializer, **READ_ERRORS},
        examples=[examples.LETTER_DETAIL],
    )
    def get(self, request: Request, public_id: str) -> Response:
        centre = centre_from_request(request)
        letter = letter_for_centre(centre=centre, public_id=public_id)
        events.letters_read_by_centre(letter_ids=[letter.pk], centre_code=centre.code, via="detail")
        return Response(self.get_serializer(letter).data)


class CentreFileApiView(CentreApiView):
    """A view answering with a file; its errors stay JSON whatever the client accepts."""

    def perform_content_negotiation(self, request: Request, force: bool = False):
        return super().perform_content_negotiation(request, force=True)


class LetterAttachmentApi(CentreFileApiView):
    """The bytes of a released photo (re-encoded on upload: no metadata)."""

    @extend_schema(
        summary="Download a released photo",
        operation_id="letter_photo_retrieve",
        tags=["letters"],
        parameters=[LETTER_ID, ATTACHMENT_ID],
        responses={
            (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY, description="The photo (JPEG or PNG)."),
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY, description="The photo (JPEG or PNG)."),
            **READ_ERRORS,
        },
    )
    def get(self, request: Request, public_id: str, attachment_id: str) -> FileResponse:
        centre = centre_from_request(request)
        attachment = attachment_for_centre(centre=centre, public_id=public_id, attachment_id=attachment_id)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        events.letters_read_by_centre(letter_ids=[attachment.letter_id], centre_code=centre.code, via="photo")
        return FileResponse(handle, content_type=attachment.content_type)


class LetterPdfApi(CentreFileApiView):
    """The forwarded letter printed: its redacted text and released photos as a PDF on the letterhead."""

    @extend_schema(
        summary="The letter as a PDF, for centres that print",
        operation_id="letter_pdf_retrieve",
        tags=["letters"],
        description=(
            "The redacted text and the released photos on the registry's letterhead, with a reference "
            "(`L-XXXX-XXXX`) you can quote. It carries no document metadata and nobody's name. Every "
            "download is recorded in the letter's audit trail."
        ),
        parameters=[LETTER_ID],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The letter (A4 PDF)."
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request: Request, public_id: str) -> HttpResponse:
        centre = centre_from_request(request)
        letter = letter_for_centre(centre=centre, public_id=public_id)
        pdf = letter_print(letter=letter)
        events.letters_read_by_centre(letter_ids=[letter.pk], centre_code=centre.code, via="pdf")
        return letter_pdf_response(pdf, letter=letter)


class LetterAcknowledgeApi(CentreApiView):
    serializer_class = CentreLetterSerializer

    @extend_schema(
        summary="Acknowledge a letter: it was delivered to your patient",
        operation_id="letter_acknowledge",
        tags=["letters"],
        description="Marks the letter delivered. Acknowledging a delivered letter again changes nothing.",
        request=None,
        parameters=[LETTER_ID, IDEMPOTENCY_KEY_PARAMETER],
        responses={200: CentreLetterSerializer, **POST_ERRORS, 404: NOT_FOUND},
        examples=[examples.LETTER_ACKNOWLEDGED],
    )
    @idempotent_post
    def post(self, request: Request, public_id: str) -> Response:
        centre = centre_from_request(request)
        letter = letter_acknowledge(
            letter=letter_for_centre(centre=centre, public_id=public_id), centre=centre
        )
        return Response(self.get_serializer(letter).data)


class ReplyPagination(CentreLetterPagination):
    """Newest first by submission."""

    ordering = ("-submitted_at", "-pk")


class ReplyListCreateApi(CentreApiView, ListAPIView):
    """GET: the replies the centre sent and where each is; POST: send a new reply."""

    serializer_class = ReplyCreateSerializer
    parser_classes = [BoundedJSONParser, MultiPartParser]
    pagination_class = ReplyPagination
    filterset_class = CentreReplyFilter
    filter_backends = [OnlyWhenAskedFilterBackend]
    query_parameters = frozenset(["since", "status", "cursor", "page_size"])

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular, generating the schema
            return Letter.objects.none()
        return replies_for_centre(centre=centre_from_request(self.request))

    def initial(self, request: Request, *args, **kwargs) -> None:
        # The query parameters are the list's; a POST takes none.
        if request.method == "POST":
            self.query_parameters = frozenset()
        super().initial(request, *args, **kwargs)

    @extend_schema(
        summary="Your replies, and where each one is",
        operation_id="replies_list",
        tags=["replies"],
        description=(
            "The replies your centre sent, newest first, by cursor pages: each one's status (submitted, "
            "in review, held, forwarded to the donor, delivered when the donor opened it, returned for a "
            "change or refused) and, when returned, refused or held, the reason. Their text is never "
            "sent back. Use `since` to fetch only the replies that changed."
        ),
        responses={200: ReplySerializer(many=True), **READ_ERRORS},
        parameters=[
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1, "maximum": CentreLetterPagination.max_page_size},
                description="Replies per page (default 50).",
            ),
        ],
        examples=[examples.REPLY_LIST],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        centre = centre_from_request(request)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        events.letters_read_by_centre(
            letter_ids=[reply.pk for reply in page], centre_code=centre.code, via="reply_status"
        )
        return self.get_paginated_response(ReplySerializer(page, many=True).data)

    @extend_schema(
        summary="Send a patient's letter to the donor: a reply, or a first letter",
        operation_id="reply_create",
        tags=["replies"],
        description=(
            "Stores the letter; it is screened for identifying details (the patient's and the donor's "
            "known identity), reviewed by a caseworker like a donor's letter, and then shown to the "
            "donor, redacted. With `in_reply_to` it answers a donor's letter; without, it is a letter "
            "of its own, and your patient may write first: the rules of both countries decide, as for "
            "any letter (see `now.letter_to_donor` of the donation). Send photos as multipart/form-data "
            "(`photos`, repeated). Refused (409) while your patient declines contact."
        ),
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request={
            "application/json": ReplyCreateSerializer,
            "multipart/form-data": ReplyWithPhotosCreateSerializer,
        },
        responses={201: ReplySerializer, **LETTER_POST_ERRORS},
        examples=[examples.REPLY_REQUEST, examples.REPLY_CREATED],
    )
    @idempotent_post
    def post(self, request: Request) -> Response:
        centre = centre_from_request(request)
        multipart = (request.content_type or "").startswith("multipart/")
        data = (ReplyWithPhotosCreateSerializer if multipart else ReplyCreateSerializer)(data=request.data)
        data.is_valid(raise_exception=True)
        donation = _donation_in_body(centre=centre, public_id=data.validated_data["donation_id"])
        in_reply_to = None
        if data.validated_data.get("in_reply_to"):
            in_reply_to = _letter_in_body(centre=centre, public_id=data.validated_data["in_reply_to"])
        try:
            reply = reply_submit(
                centre=centre,
                donation=donation,
                body=data.validated_data["text"],
                photos=data.validated_data.get("photos", ()),
                in_reply_to=in_reply_to,
            )
        except DjangoValidationError as error:
            _raise_if_letters_stopped(error)
            if (getattr(error, "code", None) or "").startswith(("photo", "too_many")):
                raise ValidationError({"photos": error.messages}) from error
            raise
        return Response(ReplySerializer(reply).data, status=status.HTTP_201_CREATED)


class ReplyDetailApi(CentreApiView):
    serializer_class = ReplySerializer

    @extend_schema(
        summary="One of your replies, and where it is",
        operation_id="reply_retrieve",
        tags=["replies"],
        description=(
            "The reply's status and, when returned, refused or held, the reason. Another centre's "
            "reply answers 404, as an unknown id does."
        ),
        parameters=[REPLY_ID],
        responses={200: ReplySerializer, **READ_ERRORS},
        examples=[examples.REPLY_RETURNED],
    )
    def get(self, request: Request, public_id: str) -> Response:
        centre = centre_from_request(request)
        reply = reply_for_centre(centre=centre, public_id=public_id)
        events.letters_read_by_centre(letter_ids=[reply.pk], centre_code=centre.code, via="reply_status")
        return Response(self.get_serializer(reply).data)


class ConsentCreateApi(CentreApiView):
    serializer_class = ConsentCreateSerializer

    @extend_schema(
        summary="Record the patient's consent to direct contact, given or withdrawn",
        operation_id="consent_create",
        tags=["consent"],
        description="The newest record counts. Send the signed form's date and your reference of it.",
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=ConsentCreateSerializer,
        responses={201: ConsentSerializer, **POST_ERRORS, 404: NOT_FOUND},
        examples=[examples.CONSENT_REQUEST, examples.CONSENT_CREATED],
    )
    @idempotent_post
    def post(self, request: Request) -> Response:
        centre = centre_from_request(request)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = consent_record(
            donation=_donation_in_body(centre=centre, public_id=data.validated_data["donation_id"]),
            side=Consent.Side.PATIENT,
            status=data.validated_data["status"],
            source="clinic API",
            signed_form_reference=data.validated_data["signed_form_reference"],
            signed_on=data.validated_data["signed_on"],
        )
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class DonationContactStatusApi(CentreApiView):
    serializer_class = ContactStatusSerializer

    @extend_schema(
        summary="Whether the donor and the patient may contact each other directly",
        operation_id="donation_contact_status",
        tags=["consent"],
        description="The country rules' and your centre's answer, with both sides' current consent.",
        parameters=[DONATION_ID],
        responses={200: ContactStatusSerializer, **READ_ERRORS},
        examples=[examples.CONTACT_STATUS],
    )
    def get(self, request: Request, public_id: str) -> Response:
        donation = donation_for_centre(centre=centre_from_request(request), public_id=public_id)
        answer = contact_status_for_donation(donation=donation, on=timezone.localdate())
        return Response(
            self.get_serializer(
                {
                    "donation_id": donation.public_id,
                    "possible_now": answer.possible_now,
                    "from_date": answer.from_date,
                    "missing": list(explain_all(answer.missing)),
                    "reasons": list(explain_all(answer.reasons)),
                }
            ).data
        )


class CommunicationDetailApi(CentreApiView):
    serializer_class = FhirCommunicationSerializer
    renderer_classes = [FhirJSONRenderer, JSONRenderer]
    # ?format=json or ?format=fhir, for clients that cannot set Accept
    query_parameters = frozenset(["format"])

    @extend_schema(
        summary="A forwarded letter as a FHIR R4 Communication",
        operation_id="communication_retrieve",
        tags=["fhir"],
        parameters=[LETTER_ID],
        responses={200: FhirCommunicationSerializer, **READ_ERRORS},
        examples=[examples.COMMUNICATION],
    )
    def get(self, request: Request, public_id: str) -> Response:
        centre = centre_from_request(request)
        letter = letter_for_centre(centre=centre, public_id=public_id)
        events.letters_read_by_centre(letter_ids=[letter.pk], centre_code=centre.code, via="fhir")
        return Response(self.get_serializer(letter).data)


class DonationPagination(CentreLetterPagination):
    """Newest first, by when the registry recorded the donation."""

    ordering = ("-created_at", "-pk")


class DonationListApi(CentreApiView, ListAPIView):
    serializer_class = CentreDonationSerializer
    pagination_class = DonationPagination
    filterset_class = CentreDonationFilter
    filter_backends = [OnlyWhenAskedFilterBackend]
    query_parameters = frozenset(["patient", "cursor", "page_size"])

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular, generating the schema
            return Donation.objects.none()
        return donation_rows_for_centre(centre=centre_from_request(self.request))

    @extend_schema(
        summary="Your patients' donations, and what is possible now",
        operation_id="donations_list",
        tags=["donations"],
        description=(
            "Every donation to one of your patients: its ids (the `donation_id` other operations take), "
            "transplant dates, the two countries, whether your patient declined contact, the news you "
            "reported, and what the rules allow today: a letter from your patient, a letter from the "
            "donor, direct contact. Never the donor's identity. Newest first, by cursor pages."
        ),
        responses={200: CentreDonationSerializer(many=True), **READ_ERRORS},
        parameters=[
            OpenApiParameter(
                "patient",
                {"type": "string", "minLength": 1, "pattern": NOT_BLANK.regex.pattern},
                description="Only this patient's donations: your centre's own patient reference.",
            ),
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1, "maximum": DonationPagination.max_page_size},
                description="Donations per page (default 50).",
            ),
        ],
        examples=[examples.DONATION_LIST],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        overviews = donation_overviews(donations=page, on=timezone.localdate())
        return self.get_paginated_response(self.get_serializer(overviews, many=True).data)


class DonationDetailApi(CentreApiView):
    serializer_class = CentreDonationSerializer

    @extend_schema(
        summary="One of your patients' donations, and what is possible now",
        operation_id="donation_retrieve",
        tags=["donations"],
        parameters=[DONATION_ID],
        responses={200: CentreDonationSerializer, **READ_ERRORS},
        examples=[examples.DONATION_DETAIL],
    )
    def get(self, request: Request, public_id: str) -> Response:
        overview = donation_overview_for_centre(
            centre=centre_from_request(request), public_id=public_id, on=timezone.localdate()
        )
        return Response(self.get_serializer(overview).data)


class DonationDeclineContactApi(CentreApiView):
    serializer_class = CentreDonationSerializer

    @extend_schema(
        summary="Your patient declines contact with the donor",
        operation_id="donation_decline_contact",
        tags=["donations"],
        description=(
            "From now on no letter about this donation travels, in either direction: the donor's letters "
            "are refused with a kind explanation, and so are your patient's (409). The donor is told "
            "kindly on their pages and by an e-mail that carries no content. Declining again changes "
            "nothing. Lift it with `resume-contact` if your patient changes their mind."
        ),
        request=None,
        parameters=[DONATION_ID, IDEMPOTENCY_KEY_PARAMETER],
        responses={200: CentreDonationSerializer, **POST_ERRORS, 404: NOT_FOUND},
        examples=[examples.DONATION_DECLINED],
    )
    @idempotent_post
    def post(self, request: Request, public_id: str) -> Response:
        centre = centre_from_request(request)
        donation = donation_for_centre(centre=centre, public_id=public_id)
        contact_decline(donation=donation, via=CLINIC_API, centre=centre)
        return _donation_response(centre=centre, donation=donation)


class DonationResumeContactApi(CentreApiView):
    serializer_class = CentreDonationSerializer

    @extend_schema(
        summary="Your patient is open to contact again: lift their decline",
        operation_id="donation_resume_contact",
        tags=["donations"],
        description=(
            "Letters may travel again, within the countries' rules; the donor is told on their pages. "
            "Letters refused while contact was declined stay refused. Changes nothing when contact was "
            "not declined."
        ),
        request=None,
        parameters=[DONATION_ID, IDEMPOTENCY_KEY_PARAMETER],
        responses={200: CentreDonationSerializer, **POST_ERRORS, 404: NOT_FOUND},
        examples=[examples.DONATION_DETAIL],
    )
    @idempotent_post
    def post(self, request: Request, public_id: str) -> Response:
        centre = centre_from_request(request)
        donation = donation_for_centre(centre=centre, public_id=public_id)
        contact_resume(donation=donation, via=CLINIC_API, centre=centre)
        return _donation_response(centre=centre, donation=donation)


class PatientReportCreateApi(CentreApiView):
    serializer_class = PatientReportCreateSerializer

    @extend_schema(
        summary="Report that your patient has died or relapsed",
        operation_id="patient_report_create",
        tags=["donations"],
        description=(
            "Nothing is sent to the donor. Letters about the donation, both ways, wait for a caseworker, "
            "who decides whether letters travel again and what the donor is told. Reporting the same "
            "news again while it waits returns the first report (200)."
        ),
        parameters=[DONATION_ID, IDEMPOTENCY_KEY_PARAMETER],
        request=PatientReportCreateSerializer,
        responses={201: PatientReportSerializer, 200: PatientReportSerializer, **POST_ERRORS, 404: NOT_FOUND},
        examples=[examples.PATIENT_REPORT_REQUEST, examples.PATIENT_REPORT_CREATED],
    )
    @idempotent_post
    def post(self, request: Request, public_id: str) -> Response:
        centre = centre_from_request(request)
        donation = donation_for_centre(centre=centre, public_id=public_id)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        report, created = patient_report_record(
            donation=donation,
            kind=data.validated_data["kind"],
            occurred_on=data.validated_data.get("occurred_on"),
            via=CLINIC_API,
            centre=centre,
        )
        return Response(
            PatientReportSerializer(report).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class HealthUpdateCreateApi(CentreApiView):
    serializer_class = HealthUpdateCreateSerializer

    @extend_schema(
        summary="Send the donor an anonymous health update about your patient",
        operation_id="health_update_create",
        tags=["replies"],
        description=(
            "A short status and, if you like, a few words. It is screened and reviewed like a letter, "
            "travels within the rules of both countries (as your patient's letters do, without counting "
            "against their limit), and is shown to the donor on their pages. For a death or a relapse "
            "use `donations/{id}/patient-reports` instead: a caseworker decides what the donor is told."
        ),
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        request=HealthUpdateCreateSerializer,
        responses={201: HealthUpdateSerializer, **LETTER_POST_ERRORS},
        examples=[examples.HEALTH_UPDATE_REQUEST, examples.HEALTH_UPDATE_CREATED],
    )
    @idempotent_post
    def post(self, request: Request) -> Response:
        centre = centre_from_request(request)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        donation = _donation_in_body(centre=centre, public_id=data.validated_data["donation_id"])
        try:
            update = health_update_submit(
                centre=centre,
                donation=donation,
                health_status=data.validated_data["health_status"],
                text=data.validated_data.get("text", ""),
            )
        except DjangoValidationError as error:
            _raise_if_letters_stopped(error)
            raise
        return Response(HealthUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


def _donation_response(*, centre: TransplantCentre, donation: Donation) -> Response:
    overview = donation_overview_for_centre(
        centre=centre, public_id=donation.public_id, on=timezone.localdate()
    )
    return Response(CentreDonationSerializer(overview).data)


def _donation_in_body(*, centre: TransplantCentre, public_id: UUID) -> Donation:
    """A donation named in a request body, or 404: another centre's is the same as none."""
    try:
        return donation_for_centre(centre=centre, public_id=public_id)
    except Http404:
        raise NotFound(_("No donation with this donation_id for your centre.")) from None


def _letter_in_body(*, centre: TransplantCentre, public_id: UUID) -> Letter:
    """A letter named in a request body (in_reply_to), or 404."""
    try:
        return letter_for_centre(centre=centre, public_id=public_id)
    except Http404:
        raise NotFound(_("No letter with this in_reply_to id forwarded to your centre.")) from None
