"""Administration of organisations, catalogues, placements and mandates (the administrator role)."""

from django.contrib import admin

from .models import ActivityType, BasistaakPlacement, Mandate, Organisation, TaskCategory


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "province", "omgevingsdienst")
    list_filter = ("kind", "is_brzo_service")
    search_fields = ("name", "code", "kvk_number")
    raw_id_fields = ("province", "omgevingsdienst")


@admin.register(TaskCategory)
class TaskCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order")


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "ied_category", "active")
    list_filter = ("active",)
    search_fields = ("code", "name")


@admin.register(BasistaakPlacement)
class BasistaakPlacementAdmin(admin.ModelAdmin):
    list_display = ("authority", "task_category", "service", "placed", "since")
    list_filter = ("placed", "task_category")
    search_fields = ("authority__name",)
    raw_id_fields = ("authority", "service")


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ("holder", "authority", "decision_type", "valid_from", "valid_to", "max_amount")
    list_filter = ("decision_type", ("max_amount", admin.EmptyFieldListFilter))
    search_fields = ("holder__username", "authority__name")
    raw_id_fields = ("holder", "authority")
