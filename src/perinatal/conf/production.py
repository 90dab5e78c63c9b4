"""Production settings: everything secret or site-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from perinatal.core.national_number_keys import key_problems

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 32 random characters.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
PERINATAL_ALLOW_DEMO_DATA = False

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)  # usually done by the load balancer
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
# The lockout's client address: CLIENT_IP_HEADERS (base.py) is REMOTE_ADDR unless set. Behind
# the load balancer set CLIENT_IP_HEADERS=HTTP_X_FORWARDED_FOR,REMOTE_ADDR; trusting the header
# without a proxy in front would let a client pick a new address per guess (docs/deploy.md).

EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/var/lib/perinatal/media")

# --- Error tracking (issue 12, health & operations): only with SENTRY_DSN, scrubbed of
# everything personal (core/error_tracking.py). The development and test settings never send.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from perinatal.core.error_tracking import init_error_tracking

    init_error_tracking(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
# --- Installable for production (issue 12): keys, start-up guard ------------------------------
# The national number's keys (base.py reads them) are checked here, so a malformed one stops
# every process at start (gunicorn's workers included), naming the setting and the key's
# position, never the key (core/national_number_keys.py; also a system check, core/checks.py).
NATIONAL_NUMBER_HASH_KEY = os.environ.get("NATIONAL_NUMBER_HASH_KEY", "")
NATIONAL_NUMBER_ENCRYPTION_KEYS = env_list("NATIONAL_NUMBER_ENCRYPTION_KEYS")
_key_problems = key_problems(NATIONAL_NUMBER_HASH_KEY, NATIONAL_NUMBER_ENCRYPTION_KEYS)
if _key_problems:
    raise ImproperlyConfigured(" ".join(_key_problems))
# The application refuses to load while migrations are unapplied (perinatal/wsgi.py, and
# `perinatal serve --prod` before it starts gunicorn): run `perinatal migrate` first.
REFUSE_UNAPPLIED_MIGRATIONS = True
