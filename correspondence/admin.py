from django.contrib import admin
from django.db.models import Count, Q
from django.utils.html import format_html_join

from correspondence.models import Attachment, Flag, Letter, LetterEvent


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("public_id", "content_type", "width", "height", "size", "sha256", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class LetterEventInline(admin.TabularInline):
    model = LetterEvent
    extra = 0
    fields = ("created_at", "kind", "actor", "data")
    readonly_fields = fields
    can_delete = False
    ordering = ("created_at", "pk")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ("public_id", "direction", "status", "version", "submitted_at", "flag_summary")
    list_filter = ("status", "direction")
    list_select_related = ("donation",)
    search_fields = ("=donation__donor__donor_number", "=public_id")
    date_hierarchy = "submitted_at"
    ordering = ("submitted_at",)
    readonly_fields = (
        "public_id",
        "donation",
        "direction",
        "body",
        "status",
        "version",
        "revision_of",
        "created_at",
        "updated_at",
        "submitted_at",
        "screened_at",
    )
    fields = (*readonly_fields, "status_reason")
    inlines = [AttachmentInline, LetterEventInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                flags_total=Count("flags"),
                flags_pending=Count("flags", filter=Q(flags__decision=Flag.Decision.PENDING)),
            )
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Flags (undecided)", ordering="flags_total")
    def flag_summary(self, obj: Letter) -> str:
        return f"{obj.flags_total} ({obj.flags_pending})"


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("letter", "label", "start", "end", "source", "decision", "decided_by")
    list_filter = ("label", "decision", "source")
    list_select_related = ("letter", "decided_by")
    raw_id_fields = ("letter", "attachment")
    readonly_fields = ("decided_by", "decided_at")


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
