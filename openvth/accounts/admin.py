from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "organisation", "role", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("organisation",)
    fieldsets = (*BaseUserAdmin.fieldsets, ("openvth", {"fields": ("organisation", "role")}))
