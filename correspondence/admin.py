from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from correspondence.models import Attachment, Consent, Flag, Intake, Letter, LetterEvent


class CountryFilter(admin.SimpleListFilter):
    """Filter on one side's country; the choices are the countries that occur."""

    field = ""

    def lookups(self, request, model_admin):
        codes = Letter.objects.order_by().values_list(self.field, flat=True).distinct()
        return [(code, code) for code in sorted(c for c in codes if c)]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class DonorCountryFilter(CountryFilter):
    title = "donor's country"
    parameter_name = "donor_country"
    field = "donation__donor__registry_country"


class RecipientCountryFilter(CountryFilter):
    title = "recipient's country"
    parameter_name = "recipient_country"
    field = "donation__patient__centre__country"


class YesNoFilter(admin.SimpleListFilter):
    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]


class HasPhotosFilter(YesNoFilter):
    title = "has photos"
    parameter_name = "photos"

    def queryset(self, request, queryset):
        has = Exists(Attachment.objects.filter(letter=OuterRef("pk")))
        return {"yes": queryset.filter(has), "no": queryset.filter(~has)}.get(self.value(), queryset)


class EnglishRequiredFilter(YesNoFilter):
    title = "English required"
    parameter_name = "english"

    def queryset(self, request, queryset):
        same = Q(donation__donor__registry_country=F("donation__patient__centre__country"))
        return {"yes": queryset.exclude(same), "no": queryset.filter(same)}.get(self.value(), queryset)


class HeldFilter(admin.SimpleListFilter):
    """Held letters by what they wait for: a caseworker (the rules cannot decide), a date, a condition."""

    title = "held letters waiting for"
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [
            ("caseworker", "a caseworker's decision"),
            ("date", "a date"),
            ("condition", "another condition"),
        ]

    def queryset(self, request, queryset):
        held = queryset.filter(status=Letter.Status.HELD)
        for_caseworker = Q(hold_until__isnull=True, hold_condition__icontains="caseworker")
        return {
            "caseworker": held.filter(for_caseworker),
            "date": held.filter(hold_until__isnull=False),
            "condition": held.filter(hold_until__isnull=True).exclude(for_caseworker),
        }.get(self.value(), queryset)


FLAG_KINDS = list(Flag.Label.values)


class ReviewQueueChangeList(ChangeList):
    """Counts the flags of the shown page only, in one query, instead of grouping the whole queue."""

    def get_results(self, request) -> None:
        super().get_results(request)
        letters = {letter.pk: letter for letter in self.result_list}
        for letter in letters.values():
            letter.flag_counts = {}
        rows = (
            Flag.objects.filter(letter_id__in=letters)
            .values_list("letter_id", "label")
            .annotate(n=Count("id"))
            .order_by()
        )
        for letter_id, label, n in rows:
            letters[letter_id].flag_counts[label] = n


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    """The review queue: letters in review, oldest first, with what a caseworker needs to pick one."""

    list_display = (
        "review_link",
        "received",
        "route",
        "language_short",
        "flag_kinds",
        "policy",
        "claimed",
        "status",
    )
    list_display_links = None
    list_filter = (
        "status",
        DonorCountryFilter,
        RecipientCountryFilter,
        HeldFilter,
        "direction",
        HasPhotosFilter,
        EnglishRequiredFilter,
    )
    list_select_related = ("donation__donor", "donation__patient__centre", "claimed_by")
    list_per_page = 50
    search_fields = ("=donation__donor__donor_number",)
    search_help_text = "Search by donor number."
    search_label = _("Donor number")
    ordering = ("submitted_at", "pk")
    show_full_result_count = False
    actions = ["claim_letters"]

    class Media:
        css = {"all": ["css/queue.css"]}

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm("correspondence.review_letter")

    def get_urls(self):
        from correspondence import print_views, review_views

        wrap = self.admin_site.admin_view
        name = "correspondence_letter"
        # Letters appear in URLs by their public id only: the default change, history and delete
        # views (keyed by the database id) are not mounted.
        return [
            path("", wrap(self.changelist_view), name=f"{name}_changelist"),
            path("<uuid:public_id>/review/", wrap(review_views.letter_review), name=f"{name}_review"),
            path("<uuid:public_id>/pdf/", wrap(print_views.letter_pdf_view), name=f"{name}_pdf"),
            path("<uuid:public_id>/claim/", wrap(review_views.letter_claim_view), name=f"{name}_claim"),
            path("<uuid:public_id>/decide/", wrap(review_views.letter_decide_view), name=f"{name}_decide"),
            path("<uuid:public_id>/held/", wrap(review_views.letter_held_decide_view), name=f"{name}_held"),
            path("<uuid:public_id>/flags/add/", wrap(review_views.flag_add_view), name=f"{name}_flag_add"),
            path(
                "<uuid:public_id>/flags/<int:flag_id>/",
                wrap(review_views.flag_decide_view),
                name=f"{name}_flag_decide",
            ),
            path(
                "<uuid:public_id>/photos/<uuid:attachment_id>/",
                wrap(review_views.attachment_review_view),
                name=f"{name}_attachment",
            ),
        ]

    def get_changelist(self, request, **kwargs):
        return ReviewQueueChangeList

    def changelist_view(self, request, extra_context=None):
        # The queue opens on what is waiting; any explicit filter (or "all") is kept.
        if not request.GET and request.method == "GET":
            return redirect(f"{request.path}?status__exact={Letter.Status.IN_REVIEW}")
        # The queue needs its width for its columns (at 1280 px the last ones were cut off): the
        # admin's navigation sidebar stays closed here; the breadcrumbs lead back.
        return super().changelist_view(
            request, {"title": "Review queue", "is_nav_sidebar_enabled": False, **(extra_context or {})}
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Letter")
    def review_link(self, obj: Letter) -> str:
        """The letter's own short reference (rows of one donation differ), then its donation and version."""
        url = reverse("admin:correspondence_letter_review", kwargs={"public_id": obj.public_id})
        return format_html(
            '<a href="{}" class="letter-ref">{}</a><br><span class="quiet">{} · v{}</span>',
            url,
            obj.reference,
            obj.donation.reference,
            obj.version,
        )

    @admin.display(description="Received", ordering="submitted_at")
    def received(self, obj: Letter) -> str:
        if obj.submitted_at is None:
            return "-"
        return format_html(
            '<time datetime="{}">{}</time><br><span class="quiet">{}</span>',
            obj.submitted_at.isoformat(),
            date_format(timezone.localtime(obj.submitted_at), "j M Y"),
            _("%(time)s ago") % {"time": timesince(obj.submitted_at, depth=1)},
        )

    @admin.display(description="From → to", ordering="direction")
    def route(self, obj: Letter) -> str:
        """Who writes to whom, with the two countries: "donor DE → patient US"."""
        donor, centre = obj.donation.donor.registry_country, obj.donation.patient.centre.country
        if obj.direction == Letter.Direction.DONOR_TO_PATIENT:
            return format_html("{} {} → {} {}", _("donor"), donor, _("patient"), centre)
        if obj.kind == Letter.Kind.HEALTH_UPDATE:
            return format_html("{} {} → {} {}", _("health update"), centre, _("donor"), donor)
        return format_html("{} {} → {} {}", _("patient"), centre, _("donor"), donor)

    @admin.display(description="Language", ordering="language")
    def language_short(self, obj: Letter) -> str:
        """The detected language; "(English required)" when the countries differ and it is another one.

        Only the stored code is shown here (no detection per row); the review page tells whether an
        English translation is included (selectors.letter_language_warning).
        """
        if not obj.language:
            return "-"
        differ = obj.donation.donor.registry_country != obj.donation.patient.centre.country
        if differ and obj.language != "en":
            return format_html('{} <span class="warning">(English required)</span>', obj.language)
        return obj.language

    @admin.display(description="Flags")
    def flag_kinds(self, obj: Letter) -> str:
        counts = getattr(obj, "flag_counts", {})
        parts = [(kind, counts[kind]) for kind in FLAG_KINDS if counts.get(kind)]
        if not parts:
            return "none"
        return format_html_join(
            " ",
            '<span class="flag-count" data-label="{}">{} {}</span>',
            ((k, k.lower(), n) for k, n in parts),
        )

    @admin.display(description="Policy", ordering="policy_action")
    def policy(self, obj: Letter) -> str:
        if obj.status == Letter.Status.HELD or obj.policy_action == "hold":
            if obj.hold_until:
                return f"hold until {obj.hold_until:%d %b %Y}"
            return f"hold until {obj.hold_condition}" if obj.hold_condition else "hold"
        return obj.policy_action or "-"

    @admin.display(description="Claimed by", ordering="claimed_by")
    def claimed(self, obj: Letter) -> str:
        if obj.claimed_by is None:
            return "-"
        return obj.claimed_by.get_full_name() or obj.claimed_by.get_username()

    @admin.action(description="Claim selected letters", permissions=["review"])
    def claim_letters(self, request, queryset):
        from correspondence.services.review import letter_claim

        claimed, refused = 0, []
        for letter in queryset.select_related("claimed_by"):
            try:
                letter_claim(letter=letter, caseworker=request.user)
                claimed += 1
            except ValidationError as error:
                refused.append(f"{letter.donation.reference}: {' '.join(error.messages)}")
        if claimed:
            self.message_user(request, f"Claimed {claimed} letter(s).", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("letter", "label", "start", "end", "source", "decision", "decided_by")
    list_filter = ("label", "decision", "source")
    list_select_related = ("letter", "decided_by")
    raw_id_fields = ("letter", "attachment")
    # Read-only: flags change only on the review page, through the audited services.

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LetterEvent)
class LetterEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "letter", "kind", "actor")
    list_filter = ("kind",)
    list_select_related = ("letter", "actor")
    readonly_fields = ("letter", "kind", "actor", "created_at", "data_display")
    exclude = ("data",)

    @admin.display(description="Details")
    def data_display(self, obj: LetterEvent) -> str:
        return format_html_join("", "<div>{}: {}</div>", sorted(obj.data.items()))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ("donation", "side", "status", "signed_form_reference", "signed_on")

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("status") == Consent.Status.GIVEN and not (
            cleaned.get("signed_form_reference") and cleaned.get("signed_on")
        ):
            raise forms.ValidationError(
                _("Consent given on paper needs the signed form's reference and the date it was signed."),
                code="signed_form_required",
            )
        return cleaned


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Caseworkers record consent to direct contact (usually the patient's, from a signed form).

    Records are append-only: a change of mind is a new record, the newest of a side counts.
    """

    form = ConsentForm
    list_display = (
        "donation",
        "side",
        "status",
        "recorded_at",
        "recorded_by",
        "source",
        "signed_form_reference",
    )
    list_filter = ("side", "status", "source")
    list_select_related = ("donation", "recorded_by")
    search_fields = ("=donation__reference",)
    raw_id_fields = ("donation",)
    date_hierarchy = "recorded_at"
    readonly_fields = ("side", "recorded_at", "recorded_by", "source", "contact_status")

    def get_changeform_initial_data(self, request) -> dict:
        return {
            "status": Consent.Status.GIVEN,
            **super().get_changeform_initial_data(request),
        }

    def get_fields(self, request, obj=None):
        # Caseworkers record the patient's consent here; donors give or withdraw theirs on their pages,
        # where the rules on who may ask first apply.
        fields = ["donation", "status", "signed_form_reference", "signed_on"]
        if obj is None:
            return fields
        return [*fields, "side", "recorded_at", "recorded_by", "source", "contact_status"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj: Consent, form, change: bool) -> None:
        from correspondence.services.consent import CASEWORKER, consent_record

        saved = consent_record(
            donation=obj.donation,
            side=Consent.Side.PATIENT,
            status=obj.status,
            source=CASEWORKER,
            recorded_by=request.user,
            signed_form_reference=obj.signed_form_reference,
            signed_on=obj.signed_on,
        )
        obj.pk, obj.recorded_at, obj.recorded_by, obj.source = (
            saved.pk,
            saved.recorded_at,
            saved.recorded_by,
            saved.source,
        )

    @admin.display(description=_("Direct contact now"))
    def contact_status(self, obj: Consent) -> str:
        from django.utils import timezone

        from correspondence.selectors import direct_contact_status
        from policies.explain import explain_all

        status = direct_contact_status(donation=obj.donation, on=timezone.localdate())
        if status.possible_now:
            when = _("possible now")
        elif status.never:
            when = _("never")
        elif status.from_date is None:
            when = _("date not known yet")
        else:
            when = _("from %(date)s") % {"date": status.from_date.isoformat()}
        missing = "; ".join(explain_all(status.missing)) or _("nothing")
        return format_html(
            "<p><strong>{}</strong></p><p>{} {}</p>{}",
            when,
            _("Still missing:"),
            missing,
            format_html_join("", "<div>{}</div>", ((line,) for line in explain_all(status.reasons))),
        )


from correspondence import office_admin  # noqa: E402, F401  (registers the patient-side and question admins)


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    """Letters that came on paper or by e-mail: the caseworker takes them in, corrects the text read from
    the scan and sends it to screening (correspondence/intake_views.py)."""

    list_display = (
        "open_link",
        "created_at",
        "donation_reference",
        "direction",
        "source",
        "status",
        "created_by",
        "scans",
    )
    list_display_links = None
    list_filter = ("status", "source", "direction")
    list_select_related = ("donation", "created_by")
    search_fields = ("=donation__reference", "=donation__donor__donor_number")
    search_help_text = "Search by donation reference or donor number."
    search_label = _("Donation or donor number")
    ordering = ("-created_at", "-pk")
    list_per_page = 50

    class Media:
        css = {"all": ["css/queue.css"]}

    def get_urls(self):
        from correspondence import intake_views

        wrap = self.admin_site.admin_view
        name = "correspondence_intake"
        return [
            path("", wrap(self.changelist_view), name=f"{name}_changelist"),
            path("add/", wrap(intake_views.intake_add_view), name=f"{name}_add"),
            path("<uuid:public_id>/", wrap(intake_views.intake_detail_view), name=f"{name}_detail"),
            path(
                "<uuid:public_id>/set-aside/",
                wrap(intake_views.intake_discard_view),
                name=f"{name}_discard",
            ),
            path(
                "<uuid:public_id>/files/<uuid:file_id>/",
                wrap(intake_views.intake_file_view),
                name=f"{name}_file",
            ),
        ]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            # Like the queue, the list needs its width: with the nav sidebar its last columns were cut off.
            request,
            {
                "title": "Letters on paper and e-mail",
                "is_nav_sidebar_enabled": False,
                **(extra_context or {}),
            },
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Intake")
    def open_link(self, obj: Intake) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_status_display())

    @admin.display(description="Donation", ordering="donation__reference")
    def donation_reference(self, obj: Intake) -> str:
        return obj.donation.reference

    @admin.display(description="Scans", ordering="files_deleted_at")
    def scans(self, obj: Intake) -> str:
        """Kept, or when they were deleted (set aside, or some days after the letter left review)."""
        if obj.files_deleted_at is None:
            return _("kept")
        return _("deleted %(date)s") % {
            "date": date_format(timezone.localtime(obj.files_deleted_at), "j M Y")
        }
