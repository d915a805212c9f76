"""Administration of letter templates per authority; the versioned tables and cases are read-only here: they change
only through the services (a new version, a transition), which validate and log."""

from django.contrib import admin

from openvth.core.admin import ReadOnlyAdminMixin

from .configuration import save_letter_template
from .models import CaseTransition, EnforcementCase, LetterTemplate, LhsoTableVersion, PolicyTableVersion


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("authority", "kind", "updated_at", "updated_by")
    list_filter = ("kind",)
    raw_id_fields = ("authority",)
    readonly_fields = ("updated_by",)

    def save_model(self, request, obj, form, change):
        save_letter_template(user=request.user, authority=obj.authority, kind=obj.kind, body=obj.body)


class ReadOnly(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(LhsoTableVersion, PolicyTableVersion)
class TableVersionAdmin(ReadOnly):
    list_display = ("__str__", "valid_from", "created_by", "created_at")


class CaseTransitionInline(admin.TabularInline):
    model = CaseTransition
    extra = 0
    can_delete = False
    fields = ("on", "event", "from_state", "to_state", "by", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EnforcementCase)
class EnforcementCaseAdmin(ReadOnly):
    list_display = ("reference", "establishment", "route", "state", "opened_on", "closed_on")
    list_filter = ("route", "state")
    search_fields = ("reference", "establishment__name", "establishment__kvk_vestigingsnummer")
    inlines = [CaseTransitionInline]
