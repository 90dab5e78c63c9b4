"""National numbers: validated with python-stdnum, found by a keyed hash, kept encrypted."""

import pytest
from cryptography.fernet import Fernet

from django.core.exceptions import ImproperlyConfigured, ValidationError

from perinatal.core import national_number as nn

# Documentation examples of python-stdnum (stdnum.be.nn and stdnum.be.bis), not real people.
VALID = ["85.07.30-033 28", "85073003328", "98.47.28-997.65"]


@pytest.mark.parametrize("value", VALID)
def test_valid_numbers_are_given_as_eleven_digits(value):
    digits = nn.validate(value)
    assert len(digits) == 11 and digits.isdigit()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("8507300332", "length"),
        ("850730033289", "length"),
        ("85.07.30-033 29", "invalid"),
        ("ABCDEFGHIJK", "length"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(value, code):
    with pytest.raises(ValidationError) as caught:
        nn.validate(value)
    assert caught.value.code == code
    assert caught.value.messages[0]


def test_the_lookup_hash_is_keyed_and_stable(settings):
    first = nn.lookup_hash("85.07.30-033 28")
    assert first == nn.lookup_hash("85073003328")
    assert "85073003328" not in first
    settings.NATIONAL_NUMBER_HASH_KEY = "another-key-that-is-long-enough-0123456789"
    assert nn.lookup_hash("85073003328") != first


def test_a_short_hash_key_is_refused(settings):
    settings.NATIONAL_NUMBER_HASH_KEY = "short"
    with pytest.raises(ImproperlyConfigured):
        nn.lookup_hash("85073003328")


def test_the_encrypted_copy_reads_back_and_holds_no_digits_in_clear():
    token = nn.encrypt("85.07.30-033 28")
    assert "85073003328" not in token and "850730" not in token
    assert nn.decrypt(token) == "85073003328"
    assert nn.encrypt("85073003328") != token  # a fresh nonce each time


def test_keys_can_be_rotated(settings):
    old = settings.NATIONAL_NUMBER_ENCRYPTION_KEYS[0]
    token = nn.encrypt("85073003328")
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old]
    assert nn.decrypt(token) == "85073003328"
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError):
        nn.decrypt(token)


def test_masked_shows_only_the_birth_date_part():
    assert nn.masked("85073003328") == "85.07.30-***.**"
