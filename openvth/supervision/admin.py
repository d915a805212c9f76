"""Administration of the checklists (versions with their items) and a read-only look at inspections.

A checklist version used by an inspection is frozen: the inspection keeps the version it used, so a changed
checklist is a new version."""

from django.contrib import admin

from openvth.core.admin import ReadOnlyAdminMixin

from .models import Answer, ChecklistItem, ChecklistTemplate, ChecklistVersion, Finding, Inspection


def _in_use(version: ChecklistVersion | None) -> bool:
    return version is not None and version.pk is not None and Inspection.objects.filter(checklist=version).exists()


class ChecklistVersionInline(admin.TabularInline):
    model = ChecklistVersion
    extra = 0
    fields = ("number", "valid_from")
    show_change_link = True


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "activity_type")
    search_fields = ("name", "activity_type__code", "activity_type__name")
    autocomplete_fields = ("activity_type",)
    inlines = [ChecklistVersionInline]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ("position", "text", "rule_hint")

    def has_add_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_delete_permission(request, obj)


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(admin.ModelAdmin):
    list_display = ("template", "number", "valid_from")
    list_filter = ("template",)
    inlines = [ChecklistItemInline]

    def get_readonly_fields(self, request, obj=None):
        return ("template", "number", "valid_from") if _in_use(obj) else ()

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_delete_permission(request, obj)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AnswerInline(_ReadOnlyInline):
    model = Answer
    fields = ("item", "result", "note")


class FindingInline(_ReadOnlyInline):
    model = Finding
    fields = ("provision_number", "general_rule", "consequences", "brzo_grade", "description")


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: drafts, closing and corrections go through the services, which record the history."""

    list_display = ("establishment", "kind", "status", "planned_on", "performed_on", "owner")
    list_filter = ("status", "kind")
    search_fields = ("establishment__name", "establishment__kvk_vestigingsnummer")
    inlines = [AnswerInline, FindingInline]
