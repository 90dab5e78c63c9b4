"""The shape of a submission file (seeds 001 and 004): one row per dossier with the columns
`work_year, service_id, service_name, service_sector, dossier_id, family_id, province,
newborn, hours` in any order, and the limits of its values; and the shapes in which its clean
rows travel from the reader to the import."""

import re
from dataclasses import dataclass

COLUMNS = (
    "work_year",
    "service_id",
    "service_name",
    "service_sector",
    "dossier_id",
    "family_id",
    "province",
    "newborn",
    "hours",
)
MAX_LENGTH = {"service_name": 200, "dossier_id": 40, "family_id": 64}
MAX_ERRORS = 10_000  # listed per file; the rest are counted
SERVICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]{0,19}\Z")
YEAR = re.compile(r"\d{4}\Z")
VALUE_SHOWN = 100  # characters of a wrong value repeated in an error

Key = tuple[str, int]  # (service_id, work_year): the unit a submission replaces
# (province NIS code, newborn, hours as plain decimal text, and the three as the end of a line
# of CSV: ",10000,t,12.5\n", made once for the many rows that share them).
Values = tuple[str, bool, str, str]
# One dossier, clean: (dossier_id, family_id, province NIS code, newborn, hours as text).
Row = tuple[str, str, str, bool, str]
# What the reader hands on: (key, dossier_id, family_id, values, line).
CleanRow = tuple[Key, str, str, Values, int]


@dataclass
class ServiceInfo:
    name: str
    sector: str
    line: int
