"""Settings from the environment (twelve-factor); defaults give a local SQLite development setup."""

import ipaddress
import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
# the SQLite file, collected static files and uploads; importing the settings creates nothing (the `openvth` command
# makes the folder of an SQLite database, collectstatic its own)
VAR_DIR = Path(os.environ.get("OPENVTH_VAR_DIR", BASE_DIR.parent / "var"))


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development (`make demo`) sets DEBUG=true and gets a fixed key and the loopback hosts; anything else is production
# and refuses to start without its own key and host names.
DEBUG = env_bool("DEBUG", False)
DEVELOPMENT_SECRET_KEY = "openvth-insecure-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY") or (DEVELOPMENT_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value (or DEBUG=true for development).")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names openvth serves (or DEBUG=true for development).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "openvth.core.api.csrf_failure"  # problem+json under /api/

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "openvth.core",
    "openvth.accounts",
    "openvth.register",
    "openvth.permits",
    "openvth.supervision",
    "openvth.enforcement",
    "openvth.sharing",
    "openvth.disclosure",
    "openvth.monitoring",
    "openvth.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # outside every middleware that replaces a response, so each answer has both
    "openvth.core.middleware.PrivateCacheMiddleware",
    "openvth.core.api.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "openvth.urls"
WSGI_APPLICATION = "openvth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'openvth.sqlite3'}",  # empty counts as unset
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a generator writes; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "register:search"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]  # the UI is Dutch; add a language with its translation
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"  # photos and attachments of inspections, served only through their views
# shared by every web worker (the complaint form's rate limit); `openvth createcachetable` makes the table
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "openvth_cache"}}
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # hashed names for far-future caching need `openvth collectstatic` first: production turns them on
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("OPENVTH_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
# before `collectstatic` (development, tests) the finders serve the files and STATIC_ROOT need not exist
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning, module="whitenoise.base")
WHITENOISE_AUTOREFRESH = DEBUG

# Behind HTTPS (SECURE_COOKIES=true): secure cookies, HSTS, redirect to HTTPS, and the proxy's X-Forwarded-Proto
# trusted (the proxy in front must set it and drop what a client sends).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SESSION_COOKIE_SECURE:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp): only the site's own scripts, styles and images; no inline script or style
# (no 'unsafe-inline'), no plugins, never framed, forms post only here. PDF templates keep their styles: WeasyPrint
# renders them on the server, where no policy applies.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The reverse proxies in front (IP addresses or CIDR ranges): only from them is X-Forwarded-For believed, to find
# the client address the complaint form's rate limit counts (none by default: REMOTE_ADDR is the client).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"Set TRUSTED_PROXIES to IP addresses or CIDR ranges, comma-separated ({_proxy!r} is neither)."
        ) from None

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "openvth.core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "openvth.core.api_schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "openvth.core.api.problem_exception_handler",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "openvth API",
    "DESCRIPTION": "Register, permits, supervision and enforcement of the Dutch environmental VTH chain.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # several models have a field `status`: name each enum after its model
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "openvth.core.api_schema.drop_backend_integer_bounds",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeActionStatusEnum": "openvth.monitoring.models.ProgrammeAction.Status",
        "InspectionStatusEnum": "openvth.supervision.models.Inspection.Status",
        "PublicationStatusEnum": "openvth.disclosure.models.Publication.Status",
        "PublicationKindEnum": "openvth.disclosure.models.Publication.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
