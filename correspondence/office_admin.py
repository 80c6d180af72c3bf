"""The caseworkers' admin for the patient's side and the donors' questions (imported by admin.py).

Every change goes through a service: answers, decisions on news about the patient, declines and
their lifting are audited (OfficeEvent) and e-mail the donor without content where they should.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from correspondence.models import ContactDecline, DonorQuestion, Letter, OfficeEvent, PatientReport


class OpenFilter(admin.SimpleListFilter):
    """Open (waiting for someone) or done; the list opens on what is open."""

    parameter_name = "open"
    open_lookup: dict = {}

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting")), ("no", _("Done"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(**self.open_lookup)
        if self.value() == "no":
            return queryset.exclude(**self.open_lookup)
        return queryset


class OpensOnWaitingMixin:
    """Lists open on what waits; a change is saved once (no "save and add another" or "continue")."""

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        extra = {"show_save_and_add_another": False, "show_save_and_continue": False, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        extra = {"show_save_and_add_another": False, "show_save_and_continue": False, **(extra_context or {})}
        return super().add_view(request, form_url, extra)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not request.GET and request.method == "GET" and self.has_view_or_change_permission(request):
            return redirect(f"{request.path}?open=yes")
        return super().changelist_view(request, extra_context)


class OfficeEventInline(admin.TabularInline):
    """The audit trail of one question (read-only)."""

    model = OfficeEvent
    fk_name = "question"
    fields = ("created_at", "kind", "actor")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("audit trail")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class QuestionAnsweredFilter(OpenFilter):
    title = _("answered")
    open_lookup = {"answered_at__isnull": True}


class DonorQuestionForm(forms.ModelForm):
    class Meta:
        model = DonorQuestion
        fields = ("answer",)
        widgets = {"answer": forms.Textarea(attrs={"rows": 8, "cols": 80})}

    def clean_answer(self) -> str:
        answer = (self.cleaned_data.get("answer") or "").strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer the donor will read."), code="empty")
        return answer


@admin.register(DonorQuestion)
class DonorQuestionAdmin(OpensOnWaitingMixin, admin.ModelAdmin):
    """Donors' questions to the office: oldest unanswered first. The donor is e-mailed, without the
    answer, that one is waiting on their Messages page."""

    form = DonorQuestionForm
    list_display = (
        "asked_at",
        "donor",
        "donation",
        "beginning",
        "answered_at",
        "answered_by",
        "answer_read_at",
    )
    list_filter = (QuestionAnsweredFilter,)
    list_select_related = ("donor", "donation", "answered_by")
    search_fields = ("=donor__donor_number",)
    search_help_text = _("Search by donor number.")
    ordering = ("asked_at", "pk")
    inlines = [OfficeEventInline]

    def get_fieldsets(self, request, obj=None):
        shown = ["donor", "donation", "asked_at", "question"]
        if obj is not None and obj.is_answered:
            return [
                (None, {"fields": [*shown, "answer_shown", "answered_at", "answered_by", "answer_read_at"]})
            ]
        return [
            (None, {"fields": shown}),
            (
                _("Your answer"),
                {
                    "fields": ["answer"],
                    "description": _(
                        "The donor reads it on their Messages page and is e-mailed that an answer is "
                        "waiting (the e-mail never contains it). An answer cannot be changed once saved."
                    ),
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [
            "donor",
            "donation",
            "asked_at",
            "question",
            "answer_shown",
            "answered_at",
            "answered_by",
            "answer_read_at",
        ]

    @admin.display(description=_("Question"))
    def beginning(self, obj: DonorQuestion) -> str:
        return obj.text if len(obj.text) <= 80 else f"{obj.text[:79]}…"

    @admin.display(description=_("Question"))
    def question(self, obj: DonorQuestion) -> str:
        return format_html('<div style="white-space: pre-wrap; max-width: 48rem">{}</div>', obj.text)

    @admin.display(description=_("Answer"))
    def answer_shown(self, obj: DonorQuestion) -> str:
        return format_html('<div style="white-space: pre-wrap; max-width: 48rem">{}</div>', obj.answer)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_answered:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj: DonorQuestion, form, change: bool) -> None:
        from correspondence.services.office import question_answer

        try:
            question_answer(
                question=DonorQuestion.objects.get(pk=obj.pk), caseworker=request.user, answer=obj.answer
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)


class PatientReportOpenFilter(OpenFilter):
    title = _("decided")
    open_lookup = {"decided_at__isnull": True}


class PatientReportAddForm(forms.ModelForm):
    class Meta:
        model = PatientReport
        fields = ("donation", "kind", "occurred_on")


class PatientReportDecideForm(forms.ModelForm):
    outcome = forms.ChoiceField(
        label=_("Your decision"),
        choices=PatientReport.Outcome.choices,
        widget=forms.RadioSelect,
        help_text=_("Held letters about this donation, both ways, are decided again at once."),
    )
    donor_emailed = forms.BooleanField(
        label=_("E-mail the donor that a message is waiting (the e-mail never says what it is)"),
        required=False,
    )

    class Meta:
        model = PatientReport
        fields = ("outcome", "donor_message", "donor_emailed")
        widgets = {"donor_message": forms.Textarea(attrs={"rows": 8, "cols": 80})}

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("donor_emailed") and not (cleaned.get("donor_message") or "").strip():
            self.add_error("donor_message", _("Write the message the donor will read before e-mailing them."))
        return cleaned


@admin.register(PatientReport)
class PatientReportAdmin(OpensOnWaitingMixin, admin.ModelAdmin):
    """News that a patient died or relapsed: letters wait until a caseworker decides here whether they
    travel again and what the donor is told. Nothing reaches the donor automatically."""

    list_display = ("reported_at", "donation", "kind", "occurred_on", "reported_via", "state", "decided_by")
    list_filter = (PatientReportOpenFilter, "kind")
    list_select_related = ("donation", "decided_by")
    search_fields = ("=donation__reference", "=donation__donor__donor_number")
    search_help_text = _("Search by donation reference or donor number.")
    ordering = ("reported_at", "pk")
    raw_id_fields = ("donation",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = PatientReportAddForm if obj is None else PatientReportDecideForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": ["donation", "kind", "occurred_on"],
                        "description": _(
                            "For news the centre gave by phone or on paper. Letters about the donation "
                            "wait for a caseworker's decision from now on; the donor is told nothing."
                        ),
                    },
                )
            ]
        shown = ["donation", "kind", "occurred_on", "reported_at", "reported_via", "letters_waiting"]
        if not obj.is_open:
            decided = ["outcome", "message_shown", "donor_emailed", "decided_at", "decided_by"]
            return [(_("The news"), {"fields": shown}), (_("The decision"), {"fields": decided})]
        return [
            (_("The news"), {"fields": shown}),
            (
                _("Your decision"),
                {
                    "fields": ["outcome", "donor_message", "donor_emailed"],
                    "description": _(
                        "The donor has been told nothing so far. Decide whether letters about this "
                        "donation may travel again, and what the donor is told: write a message for "
                        "their Messages page, or leave it empty if you tell them in person."
                    ),
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = ["donation", "kind", "occurred_on", "reported_at", "reported_via", "letters_waiting"]
        if obj.is_open:
            return readonly
        return [*readonly, "outcome", "message_shown", "donor_emailed", "decided_at", "decided_by"]

    @admin.display(description=_("State"))
    def state(self, obj: PatientReport) -> str:
        return _("waiting for a caseworker") if obj.is_open else obj.get_outcome_display()

    @admin.display(description=_("Message to the donor"))
    def message_shown(self, obj: PatientReport) -> str:
        if not obj.donor_message:
            return _("(none: the donor was told nothing on their pages)")
        return format_html('<div style="white-space: pre-wrap; max-width: 48rem">{}</div>', obj.donor_message)

    @admin.display(description=_("Letters about this donation"))
    def letters_waiting(self, obj: PatientReport) -> str:
        letters = Letter.objects.filter(donation=obj.donation).exclude(
            status__in=(Letter.Status.DRAFT, Letter.Status.WITHDRAWN, *Letter.SENT)
        )
        rows = [
            (
                reverse("admin:correspondence_letter_review", kwargs={"public_id": letter.public_id}),
                letter.get_direction_display(),
                letter.get_status_display(),
                letter.created_at.strftime("%d %b %Y"),
            )
            for letter in letters.order_by("created_at")
        ]
        if not rows:
            return _("none waiting")
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a>: {} (since {})</li>', rows)
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and not obj.is_open:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj: PatientReport, form, change: bool) -> None:
        from correspondence.services.patient import CASEWORKER, patient_report_decide, patient_report_record

        try:
            if not change:
                saved, created = patient_report_record(
                    donation=obj.donation,
                    kind=obj.kind,
                    occurred_on=obj.occurred_on,
                    via=CASEWORKER,
                    actor=request.user,
                )
                obj.pk = saved.pk
                if not created:
                    self.message_user(
                        request, _("This news was already waiting for a decision."), messages.INFO
                    )
                return
            patient_report_decide(
                report=PatientReport.objects.get(pk=obj.pk),
                caseworker=request.user,
                outcome=form.cleaned_data["outcome"],
                donor_message=form.cleaned_data.get("donor_message") or "",
                email_donor=form.cleaned_data.get("donor_emailed") or False,
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)


class ContactDeclineOpenFilter(OpenFilter):
    title = _("still declined")
    open_lookup = {"lifted_at__isnull": True}


class ContactDeclineForm(forms.ModelForm):
    class Meta:
        model = ContactDecline
        fields = ("donation",)


@admin.register(ContactDecline)
class ContactDeclineAdmin(OpensOnWaitingMixin, admin.ModelAdmin):
    """Patients who declined contact: usually recorded by the centre over the API; a caseworker may
    record one told on paper or by phone, and lift one when the patient changes their mind."""

    form = ContactDeclineForm
    list_display = ("donation", "declined_at", "declined_via", "lifted_at", "lifted_via")
    list_filter = (ContactDeclineOpenFilter, "declined_via")
    list_select_related = ("donation",)
    search_fields = ("=donation__reference",)
    raw_id_fields = ("donation",)
    actions = ["lift"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "donation",
            "declined_at",
            "declined_via",
            "declined_by",
            "lifted_at",
            "lifted_via",
            "lifted_by",
        ]

    def get_fields(self, request, obj=None):
        return ["donation"] if obj is None else self.get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj: ContactDecline, form, change: bool) -> None:
        from correspondence.services.patient import CASEWORKER, contact_decline

        saved, created = contact_decline(donation=obj.donation, via=CASEWORKER, actor=request.user)
        obj.pk = saved.pk
        if not created:
            self.message_user(request, _("The patient had already declined contact."), messages.INFO)

    @admin.action(description=_("Lift: the patient is open to contact again"), permissions=["change"])
    def lift(self, request: HttpRequest, queryset: QuerySet[ContactDecline]) -> None:
        from correspondence.services.patient import CASEWORKER, contact_resume

        lifted = sum(
            contact_resume(donation=decline.donation, via=CASEWORKER, actor=request.user)
            for decline in queryset.filter(lifted_at__isnull=True).select_related("donation__donor")
        )
        self.message_user(request, _("Lifted %(n)d; the donors are told on their pages.") % {"n": lifted})


@admin.register(OfficeEvent)
class OfficeEventAdmin(admin.ModelAdmin):
    """The audit trail of what is not a letter (read-only)."""

    list_display = ("created_at", "kind", "actor", "donation", "question")
    list_filter = ("kind",)
    list_select_related = ("actor", "donation", "question")
    readonly_fields = ("created_at", "kind", "actor", "donation", "question", "data_display")
    exclude = ("data",)

    @admin.display(description=_("Details"))
    def data_display(self, obj: OfficeEvent) -> str:
        return format_html_join("", "<div>{}: {}</div>", sorted(obj.data.items()))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
