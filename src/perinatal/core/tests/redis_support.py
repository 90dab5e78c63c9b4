"""What the tests against Redis share: the real Redis (a database of the tests' own, from
PERINATAL_TEST_REDIS_URL) and a Redis that is down (a loopback port nobody listens on)."""

import os
import socket
import uuid

import pytest

REDIS_URL = os.environ.get("PERINATAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def closed_port() -> int:
    """A loopback port that was just bound and closed: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def prefix() -> str:
    """A key prefix of this test's own, so parallel workers and runs do not meet."""
    return f"perinatal-test-{uuid.uuid4().hex}"


@pytest.fixture
def redis_down(settings):
    """The default cache is the shared cache of conf/base.py, at a Redis that is down."""
    settings.CACHES = {
        "default": {
            "BACKEND": "perinatal.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    return settings


@pytest.fixture
def redis_up(settings, prefix):
    """The default cache is the shared cache of conf/base.py, at the real Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "perinatal.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    return settings
