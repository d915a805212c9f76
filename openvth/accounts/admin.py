from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from openvth.core import clock

from .models import ApiToken, OidcProvider, Role, SecondFactorPolicy, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "organisation", "role", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("organisation",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("openvth", {"fields": ("organisation", "role")}),
        (_("Inloggen via de organisatie (OpenID Connect)"), {"fields": ("oidc_provider", "oidc_subject")}),
    )


class SecondFactorPolicyForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("rollen"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Geen rol gekozen: elke rol."),
    )

    class Meta:
        model = SecondFactorPolicy
        fields = ("organisation", "roles")


@admin.register(SecondFactorPolicy)
class SecondFactorPolicyAdmin(admin.ModelAdmin):
    form = SecondFactorPolicyForm
    list_display = ("__str__",)
    raw_id_fields = ("organisation",)


def _https_urls(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OidcProviderForm(forms.ModelForm):
    client_secret = forms.CharField(
        label=_("client secret"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Leeg laten om het bestaande secret te houden."),
    )

    class Meta:
        model = OidcProvider
        fields = (
            "name", "slug", "is_active", "organisations", "issuer", "authorization_endpoint", "token_endpoint",
            "userinfo_endpoint", "jwks_uri", "sign_algorithm", "client_id", "client_secret", "scopes",
            "username_claim", "organisation_claim", "role_claim", "role_map",
        )  # fmt: skip
        formfield_callback = _https_urls

    def clean_client_secret(self):
        secret = self.cleaned_data["client_secret"] or (self.instance.client_secret if self.instance.pk else "")
        if not secret:
            raise forms.ValidationError(_("Vul het client secret in."))
        return secret


@admin.register(OidcProvider)
class OidcProviderAdmin(admin.ModelAdmin):
    form = OidcProviderForm
    list_display = ("name", "slug", "issuer", "is_active")
    filter_horizontal = ("organisations",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their user (account page, `openvth token create`); here they are only seen and revoked."""

    list_display = ("name", "prefix", "user", "created", "expires", "revoked", "last_used")
    list_filter = ("revoked",)
    search_fields = ("name", "prefix", "user__username")
    fields = ("user", "name", "prefix", "created", "expires", "revoked", "last_used")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Geselecteerde tokens intrekken"))
    def revoke(self, request, queryset):
        queryset.filter(revoked__isnull=True).update(revoked=clock.now())
