"""A read-only look at publications: every step goes through the services, which record the weighing."""

from django.contrib import admin

from openvth.core.admin import ReadOnlyAdminMixin

from .models import DisclosureSettings, Publication, RedactionDecision


class RedactionDecisionInline(admin.TabularInline):
    model = RedactionDecision
    extra = 0
    can_delete = False
    readonly_fields = ("start", "end", "label", "proposed", "decision", "woo_ground", "note")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "status", "owner", "decided_on", "published_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "establishment__name", "establishment__kvk_vestigingsnummer")
    raw_id_fields = (
        "owner", "establishment", "inspection", "letter", "proposed_by", "edited_by", "reviewed_by",
        "second_reviewed_by", "published_by",
    )  # fmt: skip
    inlines = [RedactionDecisionInline]


@admin.register(DisclosureSettings)
class DisclosureSettingsAdmin(admin.ModelAdmin):
    """The administrator sets per organisation whether special personal data needs a second approver."""

    list_display = ("organisation", "second_approval_for_special_data")
    raw_id_fields = ("organisation",)
