"""Settings from the environment (twelve-factor); defaults give a local SQLite development setup."""

import ipaddress
import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django.forms
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
    "django_filters",
    "drf_spectacular",
    "corsheaders",  # CORS for the public API only (CORS_URLS_REGEX below)
    "axes",  # sign-in: lock-out after failed logins (openvth.accounts)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    "django_tasks",  # background jobs (openvth.jobs): Django's Tasks interface, the database backend by default
    "django_tasks_db",
    "health_check",
    "openvth.jobs",
    "openvth.notifications",
    "openvth.intake",  # requests from the Omgevingsloket (DSO): notification, fetch, mapping, the intake queue
    "openvth.webhooks",  # change notifications to chain partners: CloudEvents as signed webhooks
    "openvth.audit",  # the log of reads of personal data and the export for an inzageverzoek
    "openvth.administration",  # the administrator's pages (/beheer/) and the audit log of changes
    "openvth.capacity",  # staff, competences and quality criteria per task area, mandates, SPUK grants
    "openvth.analysis",  # the permit outlook and uniform enforcement measured (issue 21, items 8 and 9)
    "openvth.costs",  # hours and cost per task against the norm, rates and budgets (issue 21, item 2)
    "openvth.regional",  # the one regional implementation and enforcement plan and its adoption (issue 21, item 3)
    "openvth.quality",  # visitations and ILT investigations with their recommendations (issue 21, item 4)
]

MIDDLEWARE = [
    "openvth.core.middleware.RequestIdMiddleware",  # first: every log line of a request carries its id
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # outside every middleware that replaces a response, so each answer has both
    "openvth.core.middleware.PrivateCacheMiddleware",
    "openvth.core.api.ApiVersionMiddleware",  # outside what answers for the API, so every answer carries API-Version
    "corsheaders.middleware.CorsMiddleware",  # before anything that answers: a preflight is answered here
    "openvth.core.api.ApiProblemMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "openvth.core.cache.PublicCacheMiddleware",  # a cached public page is answered here, with every header above
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "openvth.accounts.middleware.SecondFactorMiddleware",  # after the password, before anything the user reaches
    "openvth.accounts.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lock-out page
]

ROOT_URLCONF = "openvth.urls"
WSGI_APPLICATION = "openvth.wsgi.application"

# Form widgets are rendered by Jinja2 from the templates Django ships for it (the same HTML, several times faster: the
# yearly programme's 100 visit forms rendered an option template per choice through Django's engine; issue 19). The
# engines are tried in order: Jinja2 knows only Django's form templates, so a widget that brings a Django template
# of its own (the admin's, which include Django's form templates: hence "django.forms") and every page go to Django's.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
INSTALLED_APPS += ["django.forms"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "forms",
        "DIRS": [Path(django.forms.__file__).resolve().parent / "jinja2"],
        "APP_DIRS": False,
    },
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
else:
    # PostgreSQL: no parallel workers for one query of a request (issue 19). Under more concurrent requests than cores
    # the workers of one query take the cores of the others: the work queue's and the yearly programme's reads ran
    # at 60 % of the throughput with them. The replica (reports and exports: few, large scans) keeps the server's
    # setting; DATABASE_PARALLEL_WORKERS gives the primary's connections another number.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={int(os.environ.get('DATABASE_PARALLEL_WORKERS', '0'))}"
    )
# a read replica (PostgreSQL streaming replication) for the public site, reports and exports: openvth.core.routers
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests: the replica is the test database itself
    DATABASE_ROUTERS = ["openvth.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
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
# shared by every web worker and machine: "default" (the complaint form's rate limit, the planning's memo) and
# "public" (the public site's answers, openvth.core.cache), apart so that public pages never push out a rate limit.
# The database cache (`openvth createcachetable` makes the tables) unless REDIS_URL names a Redis (Django's own
# backend; the same Redis as the job queue, other key prefixes).
if os.environ.get("REDIS_URL"):
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"],
                "KEY_PREFIX": f"openvth-{alias}"}
        for alias in ("default", "public")
    }  # fmt: skip
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "openvth_cache"},
        "public": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "openvth_public_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
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
        "openvth.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "openvth.core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "openvth.core.api_schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "openvth.core.api.problem_exception_handler",
    "PAGE_SIZE": 50,
}
# CORS (NL API Design Rules): only the public, anonymous API may be read from a web page on another origin; GET only,
# no cookies or credentials; the headers a client needs (API-Version, the pagination Link) are readable
CORS_URLS_REGEX = r"^/api/v1/public/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["API-Version", "Link", "ETag"]
SPECTACULAR_SETTINGS = {
    "TITLE": "openvth API",
    "DESCRIPTION": "Register, permits, supervision and enforcement of the Dutch environmental VTH chain.\n\n"
    "Changelog (API-55): `docs/api-changelog.md` in the source of openvth lists the changes of version 1, newest "
    "first.",
    "VERSION": "1.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # several models have a field `status`: name each enum after its model
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "openvth.core.api_schema.drop_backend_integer_bounds",
        "openvth.core.api_schema.response_headers",  # API-Version (API-57) and the pagination Link
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeActionStatusEnum": "openvth.monitoring.models.ProgrammeAction.Status",
        "InspectionStatusEnum": "openvth.supervision.models.Inspection.Status",
        "PublicationStatusEnum": "openvth.disclosure.models.Publication.Status",
        "PublicationKindEnum": "openvth.disclosure.models.Publication.Kind",
        "RegionalPlanStatusEnum": "openvth.regional.models.RegionalPlan.Status",
        "FollowUpStatusEnum": "openvth.quality.models.FollowUpStatus",
    },
}

# --- Sign-in security (openvth.accounts, BIO) ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "openvth.accounts.backends.LockoutBackend",  # first: refuses a locked-out username or address (django-axes)
    "openvth.accounts.backends.OrganisationOidcBackend",  # OpenID Connect per organisation (accounts.OidcProvider)
    "django.contrib.auth.backends.ModelBackend",  # local accounts
]
# lock-out: AXES_FAILURE_LIMIT failed sign-ins per username, and per address, lock it for AXES_COOLOFF_MINUTES;
# a success resets the count, the organisation's administrator can unlock (accounts:lockouts)
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock-out ends AXES_COOLOFF_MINUTES after it began
AXES_LOCKOUT_CALLABLE = "openvth.accounts.views.locked_out"  # the Dutch lock-out page, 429
AXES_CLIENT_IP_CALLABLE = "openvth.accounts.backends.client_ip"  # REMOTE_ADDR, X-Forwarded-For from TRUSTED_PROXIES
# masked in the stored attempts; username and address stay visible for the security log
AXES_SENSITIVE_PARAMETERS = ["password", "code", "csrfmiddlewaretoken"]
# second factor (TOTP, backup codes): compulsory where an accounts.SecondFactorPolicy says so
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "openvth")
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next one
OTP_STATIC_THROTTLE_FACTOR = 1
# OpenID Connect (mozilla-django-oidc): endpoints and client per provider in the database, PKCE and nonce on
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at the provider (OidcLogoutView)
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
# a session ends after SESSION_IDLE_MINUTES without a request (renewed at most once a minute)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_HTTPONLY = True
# e-mail (password reset): SMTP when EMAIL_BACKEND says so, the console by default; tests use locmem
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "openvth <noreply@localhost>")
PASSWORD_RESET_TIMEOUT = 3600  # a reset link is valid for one hour
# API tokens (accounts.ApiToken): valid for at most this many days
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
# --- end of sign-in security ----------------------------------------------------------------------------------------

# --- Background jobs, notifications, operations (openvth.jobs, openvth.notifications; issue 17) --------------------
# the queue: the database backend (django-tasks-db, SQLite and PostgreSQL) unless REDIS_URL names a Redis for RQ;
# `openvth worker` runs the tasks and starts the daily jobs (openvth.jobs.schedule)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# the address in the links of notification e-mails (the e-mail backend itself is set with the sign-in settings)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# where the nightly sharing export leaves <organisation code>.zip for the national systems
SHARING_EXPORT_DIR = os.environ.get("SHARING_EXPORT_DIR", str(VAR_DIR / "levering"))
# the DSO API "Verzoek afhandelen" (openvth.intake.dso): its base URL and key; DSO_STAM_XSD: a STAM XSD whose
# target namespace and root elements a fetched request must match (no full schema validation: see openvth.intake.dso)
DSO_BASE_URL = os.environ.get("DSO_BASE_URL", "")
DSO_API_KEY = os.environ.get("DSO_API_KEY", "")
DSO_STAM_XSD = os.environ.get("DSO_STAM_XSD", "")
# --- end of background jobs ---------------------------------------------------------------------------------------

# how long a read of personal data stays in the audit log (openvth.audit.services.DEFAULT_RETENTION_DAYS: 3 years,
# as the chain dossier's log); AUDIT_SUBJECT_SECRET keys the digests of data subjects' keys (default SECRET_KEY)
AUDIT_READ_RETENTION_DAYS = int(os.environ.get("AUDIT_READ_RETENTION_DAYS", 3 * 365 + 1))
AUDIT_SUBJECT_SECRET = os.environ.get("AUDIT_SUBJECT_SECRET", "")

# LOG_FORMAT=json: one JSON object per line (python-json-logger) with the request id (openvth.core.middleware)
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "openvth.core.middleware.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
