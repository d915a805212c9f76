"""Administration of the Awb 4:17 penalty table (configurable amounts) and a read-only look at decisions."""

from django.contrib import admin

from openvth.core.admin import ReadOnlyAdminMixin

from .models import Decision, PenaltyRate, ProvisionChange


@admin.register(PenaltyRate)
class PenaltyRateAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "first_day", "last_day", "amount_per_day")
    ordering = ("-valid_from", "first_day")


class ProvisionChangeInline(admin.TabularInline):
    model = ProvisionChange
    extra = 0
    can_delete = False
    readonly_fields = ("position", "op", "number", "text")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a decision changes the derived provision versions, so it is recorded through the services."""

    list_display = ("reference", "kind", "establishment", "decided_on", "effective_from")
    list_filter = ("kind",)
    search_fields = ("reference", "establishment__kvk_vestigingsnummer", "establishment__name")
    raw_id_fields = ("establishment", "owner")
    inlines = [ProvisionChangeInline]
