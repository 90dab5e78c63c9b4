"""Development settings: `make run` on the embedded SQLite database."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
PERINATAL_ALLOW_DEMO_DATA = True
