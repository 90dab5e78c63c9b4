"""The Belgian national number (INSZ/NISS: the national register number or a BIS number).

It is never stored, logged or shown in clear where it is not needed:
- `lookup_hash()` gives a keyed hash (HMAC-SHA256 with a key kept outside the database) to
  find a person by the number; `keyed_hash()` the same for other identifying text;
- `encrypt()` / `decrypt()` keep a copy a professional may need to see (Fernet; several keys
  for rotation, the first encrypts);
- `masked()` shows it as `85.07.30-***.**`.
Validation uses python-stdnum (`stdnum.be.nn` and `stdnum.be.bis`).
"""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from stdnum.be import bis, nn
from stdnum.exceptions import ValidationError as StdnumError

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _


def validate(value: str) -> str:
    """The number as 11 digits, or a ValidationError that says what is wrong."""
    compact = nn.compact(value or "")
    if not compact:
        raise ValidationError(_("Enter a national number."), code="required")
    if not compact.isdigit() or len(compact) != 11:
        raise ValidationError(_("A national number has 11 digits."), code="length")
    for module in (nn, bis):
        try:
            return module.validate(compact)
        except StdnumError:
            continue
    raise ValidationError(
        _("This is not a valid national or BIS number (the check digits do not match)."),
        code="invalid",
    )


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except ValidationError:
        return False
    return True


def _hash_key() -> bytes:
    key = getattr(settings, "NATIONAL_NUMBER_HASH_KEY", "")
    if len(key) < 32:
        raise ImproperlyConfigured("NATIONAL_NUMBER_HASH_KEY must hold at least 32 characters.")
    return key.encode()


def keyed_hash(text: str) -> str:
    """HMAC-SHA256 of `text` with the national number's key (kept outside the database): a
    value that can be matched but not read back, for other identifying text too."""
    return hmac.new(_hash_key(), text.encode(), hashlib.sha256).hexdigest()


def lookup_hash(value: str) -> str:
    """The keyed hash by which a person is found (the same number gives the same hash)."""
    return keyed_hash(validate(value))


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("NATIONAL_NUMBER_ENCRYPTION_KEYS must hold at least one key.")
    return MultiFernet([Fernet(key) for key in keys])


def _keys() -> tuple[str, ...]:
    return tuple(getattr(settings, "NATIONAL_NUMBER_ENCRYPTION_KEYS", ()))


def encrypt(value: str) -> str:
    return _fernet(_keys()).encrypt(validate(value).encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("this copy cannot be read with the configured keys") from exc


def masked(value: str) -> str:
    """`85.07.30-***.**`: the date of birth part only."""
    digits = validate(value)
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-***.**"
