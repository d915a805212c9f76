from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", oidc_views.OidcLogoutView.as_view(), name="logout"),  # at the provider too after OIDC
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(email_template_name="registration/password_reset_email.txt"),
        name="password_reset",
    ),
    path("wachtwoord-vergeten/verstuurd/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("oidc/terugkeer/", oidc_views.OidcCallbackView.as_view(), name="oidc_callback"),
    path("oidc/<slug:slug>/", oidc_views.OidcStartView.as_view(), name="oidc_start"),
    path("account/", views.account, name="account"),
    path("account/tweestapsverificatie/", views.second_factor, name="second_factor"),
    path("account/tweestapsverificatie/instellen/", views.second_factor_enrol, name="second_factor_enrol"),
    path("account/tweestapsverificatie/qr.svg", views.second_factor_qr, name="second_factor_qr"),
    path("account/tweestapsverificatie/reservecodes/", views.backup_codes, name="backup_codes"),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("account/api-tokens/<int:pk>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
    path("account/beheer/", views.sign_in_administration, name="sign_in_administration"),
    path("account/beheer/<int:pk>/ontgrendel/", views.unlock, name="unlock"),
    path(
        "account/beheer/<int:pk>/tweestapsverificatie-herstellen/",
        views.reset_second_factor,
        name="reset_second_factor",
    ),
]
