"""The rules of linking a parent to a family's record with a code (no database here).

A code is what a care professional gives a parent (on paper, read aloud or in a message): ten
characters from an alphabet without the look-alikes (the digits 2 to 9 and the capitals
without I, L, O and U: `ALPHABET`), shown in two groups of five (`ABCDE-FGH23`). It is typed back in any case, with
or without spaces and dashes. The code itself is never stored: only `code_hash`, a keyed hash
(HMAC-SHA256 with the key of the national numbers, kept outside the database), so the
database alone cannot be used to link.

How long a code is valid, how many wrong tries lock it and how many tries an account may make
in an hour are the dated parameters of `data/linking.yaml`
(docs/decisions/0035-linking-a-parent.md).
"""

import secrets
from datetime import date
from pathlib import Path

from perinatal.core import national_number
from perinatal.core.parameters import ParameterFile

PARAMETERS = ParameterFile(Path(__file__).parent / "data" / "linking.yaml")

# 30 symbols: digits 2-9 and the capitals without I, L, O and U (read as 1, 1, 0 and V).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 30**10 ≈ 5.9e14 codes, about 49 bits
GROUP = 5
# What people type between groups (and by mistake around the code).
SEPARATORS = " -.\t\u00a0\u2010\u2011\u2013"
HASH_CONTEXT = "parents.link_code:"


def new_code() -> str:
    """A fresh random code (normalised: ten symbols, no separator)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalised(text: str) -> str:
    """The code as typed, in capitals without separators (it may still be malformed)."""
    return "".join(ch for ch in (text or "").upper() if ch not in SEPARATORS)


def is_well_formed(code: str) -> bool:
    """Ten symbols of the alphabet (a normalised code)."""
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def shown(code: str) -> str:
    """`ABCDE-FGH23`: the code as printed and read aloud."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_hash(code: str) -> str:
    """The keyed hash stored for a normalised code (never the code)."""
    return national_number.keyed_hash(HASH_CONTEXT + code)


def valid_days(on: date) -> int:
    return int(PARAMETERS.value("link_code.valid_days", on=on))


def failed_attempts_to_lock(on: date) -> int:
    return int(PARAMETERS.value("link_code.failed_attempts_to_lock", on=on))


def tries_per_hour(on: date) -> int:
    return int(PARAMETERS.value("link_code.tries_per_hour", on=on))
