"""Development settings: `make run` on the embedded SQLite database."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
PERINATAL_ALLOW_DEMO_DATA = True

# Development-only keys (never used in production, which requires its own from the environment).
NATIONAL_NUMBER_HASH_KEY = "dev-only-national-number-hash-key-0123456789"  # noqa: S105
NATIONAL_NUMBER_ENCRYPTION_KEYS = ["ZGV2LW9ubHktZmVybmV0LWtleS0wMTIzNDU2Nzg5YWI="]
