"""Settings shared by every environment; dev, test and production only override."""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url

from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The working tree: where `make run` keeps the embedded SQLite database and uploads.
BASE_DIR = Path(os.environ.get("PERINATAL_HOME", Path.cwd())).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    # django.contrib.admin whose site requires a verified second factor (accounts/admin_site.py)
    "perinatal.accounts.admin_site.PerinatalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",  # serves the API docs' Swagger UI from our own static files (CSP)
    "csp",
    "django_tasks",
    "django_tasks_db",
    "perinatal.core",
    "perinatal.accounts",
    "perinatal.audit",
    "perinatal.jobs",
    "perinatal.directory",
    "perinatal.notifications",
    "perinatal.directory.search",
    "perinatal.pathways",
    "perinatal.monitoring",
    "perinatal.booklets",
    "perinatal.kraamzorg",
    "perinatal.parents",
    "perinatal.worklist",
    "perinatal.api",
]

MIDDLEWARE = [
    "perinatal.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "perinatal.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "perinatal.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "perinatal.accounts.middleware.RequireTwoFactorMiddleware",
    # Refused accesses to a family record in the access log (audit/refusals.py).
    "perinatal.audit.refusals.RefusedAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "perinatal.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "perinatal.urls"
WSGI_APPLICATION = "perinatal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "perinatal.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://… or sqlite:///…); without it SQLite in the working tree.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'perinatal.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept between requests as on PostgreSQL (DB_CONN_MAX_AGE): a new SQLite
    # connection reads the whole schema (391 entries) before its first statement and starts
    # with an empty page cache: 2.6 ms of CPU per request before any work.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# A login lands on the work list of the user's role (worklist/, decision 0029); the account
# page stays in the menu.
LOGIN_REDIRECT_URL = "worklist:home"
LOGOUT_REDIRECT_URL = "directory:search"

# Lockout: 5 failed logins within 15 minutes for one user name from one address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Wrong second-factor codes count too; attempts are reset only once a login is complete
# (password for a parent, code for a professional), see accounts/lockout.py.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "perinatal.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# The client address for the lockout: which request headers to trust, in order (behind a load
# balancer: HTTP_X_FORWARDED_FOR,REMOTE_ADDR) and how many proxies append to X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "perinatal.accounts.lockout.client_ip"
CLIENT_IP_HEADERS = env_list("CLIENT_IP_HEADERS", "REMOTE_ADDR")
CLIENT_IP_PROXY_COUNT = int(os.environ.get("CLIENT_IP_PROXY_COUNT", "1"))
# The pages' rate limits count per client address the same way (not the balancer's address).
RATELIMIT_IP_META_KEY = "perinatal.accounts.lockout.client_ip"

# Sessions live in the database, so any application server can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(10 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
CSRF_COOKIE_HTTPONLY = False  # the API's session-authenticated calls read it from the cookie
# A CSRF refusal: the problem `csrf_failed` under /api/, a translated page elsewhere.
CSRF_FAILURE_VIEW = "perinatal.api.errors.csrf_failure"

OTP_TOTP_ISSUER = "perinatal"
# django-otp also slows down wrong codes per device (1, 2, 4 … s), whatever the address.
OTP_TOTP_THROTTLE_FACTOR = 1
# A code is accepted in its 30-second step and this many steps either side (the code shown a
# moment ago, typed after the step changed); never twice (accounts/two_factor.py). The window
# stays around the server's clock: django-otp does not learn a phone's drift.
TWO_FACTOR_TOLERANCE_STEPS = 1
OTP_TOTP_SYNC = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "fr", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("nl", "fr"), "nl": ("fr",), "fr": ("nl",)}
# Belgian day-first dates in every language (conf/formats; decision 0031).
FORMAT_MODULE_PATH = ["perinatal.conf.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = BASE_DIR / "staticfiles"  # test.py: None (WhiteNoise finders)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # the site-wide files (perinatal/site.css)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT: Path | str = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))  # production: str

# Content Security Policy: no inline script or style, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
RATELIMIT_VIEW = "perinatal.core.pages.rate_limited"
# The API's throttles (api/throttling.py): calls a minute per address (anonymous) and per user.
API_THROTTLE_RATES = {
    "anon": os.environ.get("API_THROTTLE_ANON", "600/m"),
    "user": os.environ.get("API_THROTTLE_USER", "3000/m"),
}
# Lookups by national number (find a family, does it have a Kindboekje) per user, in the
# shared cache (audit/lookup_limit.py, decision 0033).
LOOKUP_RATE = os.environ.get("LOOKUP_RATE", "60/h")

# E-mail leaves through the task queue (jobs/email.py); a worker delivers it with
# EMAIL_DELIVERY_BACKEND (production: SMTP).
EMAIL_BACKEND = "perinatal.jobs.email.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@perinatal.localhost")
# Where the platform is reached, for the links in e-mails (notifications).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

# Background work (perinatal.jobs): Django's task API with its database backend, so every
# application server, worker and scheduler shares one queue in the one database.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email", "periodic"],
    }
}
# How long finished tasks and jobs are kept (e-mail tasks, which hold the message: one day).
JOBS_RESULT_RETENTION_DAYS = int(os.environ.get("JOBS_RESULT_RETENTION_DAYS", "30"))

# --- Report files in the background (issue 12; monitoring/downloads/) -----------------------
# A download is made by a task worker, and kept in MEDIA_ROOT under reports/ until its job is
# pruned, when it lays out more cells than REPORTS_BACKGROUND_CELLS (XLSX, a PDF's tables),
# has more CSV cells than REPORTS_BACKGROUND_CSV_CELLS or draws more charts than
# REPORTS_BACKGROUND_CHARTS (0: any chart); smaller ones are made in the request. The measured
# costs behind the defaults: docs/performance.md, "Report files";
# docs/decisions/0018-report-files-in-the-background.md.
REPORTS_BACKGROUND_CELLS = int(os.environ.get("REPORTS_BACKGROUND_CELLS", "20000"))
REPORTS_BACKGROUND_CSV_CELLS = int(os.environ.get("REPORTS_BACKGROUND_CSV_CELLS", "1000000"))
REPORTS_BACKGROUND_CHARTS = int(os.environ.get("REPORTS_BACKGROUND_CHARTS", "0"))
# --- end of report files --------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {"request_id": {"()": "perinatal.core.logging.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# National numbers: a keyed hash to find a person, an encrypted copy to show (keys from the
# environment, never in the database; several encryption keys for rotation, comma-separated).
NATIONAL_NUMBER_HASH_KEY = os.environ.get("NATIONAL_NUMBER_HASH_KEY", "")
NATIONAL_NUMBER_ENCRYPTION_KEYS = env_list("NATIONAL_NUMBER_ENCRYPTION_KEYS")

# Families: how many years after the end of the first 1000 days a family's record is kept
# before `perinatal families purge` pseudonymises it (docs/decisions/0006-family-record-access.md).
FAMILY_RETENTION_YEARS = int(os.environ.get("FAMILY_RETENTION_YEARS", "5"))

# Directory: how long an entry counts as verified.
DIRECTORY_VERIFICATION_MAX_AGE_DAYS = 365
# Phone numbers (django-phonenumber-field): read as Belgian when written without +32, stored
# in E.164 (docs/decisions/0021-phones-and-editing-sets.md).
PHONENUMBER_DEFAULT_REGION = "BE"
PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "E164"
# Whether demo organisations and users may be created (never in production).
PERINATAL_ALLOW_DEMO_DATA = False

# Monitoring, publication mode (docs/decisions/0011-monitoring-publication.md): a published
# count is 0 or about at least this many families, and an average or share is shown only over
# at least this many families. Read at each call by `monitoring.publication.limits()`.
MONITORING_MIN_FAMILIES = 5
MONITORING_MIN_FOR_AVERAGE = 20

# --- Running for real: probes, shared cache, metrics, logs (issue 12, health & operations) ---
# The task queue's gauges (depth, failures) are in /metrics, core/metrics.py.
INSTALLED_APPS += ["django_prometheus"]
# Prometheus: request counts and latencies (first and last middleware), database metrics
# (django-prometheus' wrapping engines), cache gets (core/cache.py).
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
PROMETHEUS_ENGINES = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
}
DATABASES["default"]["ENGINE"] = PROMETHEUS_ENGINES.get(
    DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"]
)
# /metrics answers only clients whose own address (REMOTE_ADDR) is in these networks.
METRICS_ALLOWED_NETWORKS = env_list("METRICS_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")
# The shared cache misses instead of failing while Redis is down, and gives up on a dead Redis
# after a quarter of a second (core/cache.py); the rate limits decide per page
# (core/ratelimits.py).
_caches: dict[str, dict[str, Any]] = CACHES  # the same dict, typed for the additions
if os.environ.get("REDIS_URL"):
    _caches["default"]["BACKEND"] = "perinatal.core.cache.ResilientRedisCache"
    _caches["default"]["OPTIONS"] = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
_logging: dict[str, Any] = LOGGING  # the same dict, typed for the additions
# A request's method and path in the JSON lines, never its query string (core/logging.py).
_logging["formatters"]["json"]["()"] = "perinatal.core.logging.JsonLineFormatter"
# A request for a host the site does not serve: one WARNING line naming it, no traceback.
_logging["filters"]["disallowed_host"] = {"()": "perinatal.core.logging.DisallowedHostFilter"}
_logging["loggers"]["django.security.DisallowedHost"] = {"filters": ["disallowed_host"]}
# --- Friendly failure (issue 12, item 5) ------------------------------------------------------
# Every error under /api/ answers problem details (RFC 9457), also those Django answers itself
# (an unknown address, a 405, the 500/503 page): right after RequestIdMiddleware, so that it
# sees every later answer with the request id known. The 500/503 pages: core/failure.py
# (handler500 in perinatal/urls.py); the API's problems: api/problems.py.
MIDDLEWARE.insert(
    MIDDLEWARE.index("perinatal.core.middleware.RequestIdMiddleware") + 1,
    "perinatal.api.middleware.ProblemDetailsMiddleware",
)
# --- Installable for production (issue 12): static files, start-up guard ----------------------
# STATIC_ROOT: where `perinatal collectstatic` (`make build`, at build time) puts the static
# files; `perinatal serve --prod` collects only when they are missing or out of date there, so
# a read-only file system works once they were collected.
if os.environ.get("STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["STATIC_ROOT"]).resolve()
# Whether the application refuses to load while migrations are unapplied (production: True).
REFUSE_UNAPPLIED_MIGRATIONS = False
# --- Monitoring uploads imported in the background (issue 12) ---------------------------------
# The upload page and API receive each file to a temporary file (never to memory) in this
# directory (default: the system's), then keep it in the default storage (MEDIA_ROOT,
# `monitoring/incoming/`) for a task worker. On the same file system as MEDIA_ROOT the file is
# moved, not copied.
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None
