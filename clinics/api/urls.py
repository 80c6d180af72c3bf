"""The clinic API, mounted at /api/: version 1 under v1/, its OpenAPI schema and interactive docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from clinics.api import views
from clinics.api.exceptions import not_found

app_name = "clinics_api"
v1 = [
    path("letters/", views.LetterListApi.as_view(), name="letter_list"),
    path("letters/<uuid:public_id>/", views.LetterDetailApi.as_view(), name="letter_detail"),
    path(
        "letters/<uuid:public_id>/attachments/<uuid:attachment_id>",
        views.LetterAttachmentApi.as_view(),
        name="letter_attachment",
    ),
    path("letters/<uuid:public_id>/pdf", views.LetterPdfApi.as_view(), name="letter_pdf"),
    path(
        "letters/<uuid:public_id>/acknowledge",
        views.LetterAcknowledgeApi.as_view(),
        name="letter_acknowledge",
    ),
    path("replies/", views.ReplyListCreateApi.as_view(), name="replies"),
    path("replies/<uuid:public_id>/", views.ReplyDetailApi.as_view(), name="reply_detail"),
    path("consents/", views.ConsentCreateApi.as_view(), name="consent_create"),
    path("donations/", views.DonationListApi.as_view(), name="donation_list"),
    path("donations/<uuid:public_id>/", views.DonationDetailApi.as_view(), name="donation_detail"),
    path(
        "donations/<uuid:public_id>/decline-contact",
        views.DonationDeclineContactApi.as_view(),
        name="donation_decline_contact",
    ),
    path(
        "donations/<uuid:public_id>/resume-contact",
        views.DonationResumeContactApi.as_view(),
        name="donation_resume_contact",
    ),
    path(
        "donations/<uuid:public_id>/patient-reports",
        views.PatientReportCreateApi.as_view(),
        name="patient_report_create",
    ),
    path("health-updates/", views.HealthUpdateCreateApi.as_view(), name="health_update_create"),
    path(
        "donations/<uuid:public_id>/contact-status",
        views.DonationContactStatusApi.as_view(),
        name="donation_contact_status",
    ),
    path("fhir/Communication/<uuid:public_id>", views.CommunicationDetailApi.as_view(), name="communication"),
    re_path(r"^[\s\S]*$", not_found),
]
urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script from a URL (?script), not inline: the page runs under the CSP.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="clinics_api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
]
