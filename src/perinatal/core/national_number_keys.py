"""The keys of the national number, checked before they are used: the hash key
(`NATIONAL_NUMBER_HASH_KEY`) and the encryption keys (`NATIONAL_NUMBER_ENCRYPTION_KEYS`, Fernet,
the first encrypts). A malformed key is refused at start — by a system check (`core/checks.py`)
and by the production settings — instead of at its first use.

Messages name the setting and the key's position, never the key; `fingerprint()` is a short
one-way digest by which an operator can tell keys apart in a log.
Plain Python (no Django): the settings modules import it.
"""

import binascii
import hashlib
from collections.abc import Sequence

from cryptography.fernet import Fernet

HASH_KEY_MIN_LENGTH = 32


def hash_key_problems(hash_key: str) -> list[str]:
    if len(hash_key) < HASH_KEY_MIN_LENGTH:
        return [
            f"NATIONAL_NUMBER_HASH_KEY holds {len(hash_key)} characters; it needs at least "
            f"{HASH_KEY_MIN_LENGTH} random ones."
        ]
    return []


def encryption_key_problems(keys: Sequence[str]) -> list[str]:
    if not keys:
        return [
            "NATIONAL_NUMBER_ENCRYPTION_KEYS holds no key; it needs at least one Fernet key "
            "(comma-separated, the first encrypts)."
        ]
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError, binascii.Error):
            problems.append(
                f"NATIONAL_NUMBER_ENCRYPTION_KEYS: key {position} of {len(keys)} is not a "
                "Fernet key (32 bytes in URL-safe base64: 44 characters ending in '=')."
            )
    return problems


def key_problems(hash_key: str, encryption_keys: Sequence[str]) -> list[str]:
    """Every problem with the keys, each naming the setting and position; [] when all is well."""
    return hash_key_problems(hash_key) + encryption_key_problems(encryption_keys)


def fingerprint(key: str) -> str:
    """The first 12 hex digits of the key's SHA-256: shows which key, reveals nothing of it."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]
