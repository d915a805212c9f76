from django.contrib import admin

from .models import ActivityMapping, IntakeRequest, OrganisationOin


@admin.register(OrganisationOin)
class OrganisationOinAdmin(admin.ModelAdmin):
    list_display = ("oin", "organisation")
    search_fields = ("oin", "organisation__name")


@admin.register(ActivityMapping)
class ActivityMappingAdmin(admin.ModelAdmin):
    list_display = ("dso_id", "activity_type", "procedure")
    search_fields = ("dso_id", "dso_name")


@admin.register(IntakeRequest)
class IntakeRequestAdmin(admin.ModelAdmin):
    list_display = ("verzoeknummer", "owner", "status", "request_type", "received_on")
    list_filter = ("status", "request_type")
    readonly_fields = [f.name for f in IntakeRequest._meta.fields]
