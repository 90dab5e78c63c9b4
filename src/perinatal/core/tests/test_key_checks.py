"""The national number's keys are checked at start: a malformed encryption key or a short hash
key is refused with a message naming the setting and the key's position, never the key — by
a system check, and by the production settings before anything runs."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from perinatal.core.national_number_keys import fingerprint, key_problems

GOOD = Fernet.generate_key().decode()
OTHER_GOOD = Fernet.generate_key().decode()
MALFORMED = "this-is-not-a-fernet-key-but-a-secret-value"
TRUNCATED = GOOD[:-5]
HASH_KEY = "a-test-hash-key-that-is-long-enough-0123456789"


def test_good_keys_have_no_problems():
    assert key_problems(HASH_KEY, [GOOD, OTHER_GOOD]) == []


@pytest.mark.parametrize("bad", [MALFORMED, TRUNCATED, ""], ids=["malformed", "truncated", "empty"])
def test_a_malformed_encryption_key_is_named_by_its_position_only(bad):
    problems = key_problems(HASH_KEY, [GOOD, bad, OTHER_GOOD])
    assert problems == [
        "NATIONAL_NUMBER_ENCRYPTION_KEYS: key 2 of 3 is not a Fernet key (32 bytes in URL-safe "
        "base64: 44 characters ending in '=')."
    ]


def test_a_short_hash_key_and_no_encryption_key_are_refused():
    problems = key_problems("short-secret", [])
    assert problems[0].startswith("NATIONAL_NUMBER_HASH_KEY holds 12 characters")
    assert "short-secret" not in problems[0]
    assert problems[1].startswith("NATIONAL_NUMBER_ENCRYPTION_KEYS holds no key")


def test_a_fingerprint_tells_keys_apart_without_showing_them():
    assert fingerprint(GOOD) == fingerprint(GOOD)
    assert fingerprint(GOOD) != fingerprint(OTHER_GOOD)
    assert len(fingerprint(GOOD)) == 12 and fingerprint(GOOD) not in GOOD


def test_the_system_check_refuses_a_malformed_key(settings):
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [GOOD, MALFORMED]
    errors = [e for e in run_checks() if e.id == "perinatal.E102"]
    assert [e.msg for e in errors] == [key_problems(HASH_KEY, [GOOD, MALFORMED])[0]]
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "key 2 of 2 is not a Fernet key" in str(refused.value)
    assert MALFORMED not in str(refused.value)


def test_the_system_check_refuses_a_short_hash_key(settings):
    settings.NATIONAL_NUMBER_HASH_KEY = "too-short"
    assert [e.id for e in run_checks() if e.id.startswith("perinatal.E10")] == ["perinatal.E101"]


def test_the_test_settings_pass_the_check():
    assert not [e for e in run_checks() if e.id.startswith("perinatal.E10")]


def test_the_production_settings_refuse_a_malformed_key_at_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "perinatal.conf.production",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "SECRET_KEY": "a-test-secret-key-that-is-long-enough-0123456789",
            "NATIONAL_NUMBER_HASH_KEY": HASH_KEY,
            "NATIONAL_NUMBER_ENCRYPTION_KEYS": f"{GOOD},{MALFORMED}",
        }
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: NATIONAL_NUMBER_ENCRYPTION_KEYS: key 2 of 2" in result.stderr
    assert MALFORMED not in result.stderr and GOOD not in result.stderr
