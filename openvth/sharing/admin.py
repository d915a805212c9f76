"""Administration of sharing agreements; the access log is read-only (only the purge removes entries)."""

from django.contrib import admin

from openvth.core.admin import ReadOnlyAdminMixin

from .models import AccessLog, SharingAgreement


@admin.register(SharingAgreement)
class SharingAgreementAdmin(admin.ModelAdmin):
    list_display = ("owner", "purpose_code", "valid_from", "valid_to")
    list_filter = ("purpose_code",)
    filter_horizontal = ("partners",)


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("read_at", "user_name", "organisation", "company", "purpose_code")
    list_filter = ("purpose_code",)
