from django.contrib import admin

from .models import Initiative


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "service", "theme", "expected_year", "expected_count")
    list_filter = ("theme", "expected_year")
