"""No valid national (INSZ) or BIS number in clear: families are registered with valid test
numbers, read, found by number, exported, listed for the family and pseudonymised; then every
text column of every table, the captured logs (caplog at DEBUG and the production JSON log)
and the command outputs are scanned for any 11-digit sequence — bare or with the usual
`.` and `-` separators — that python-stdnum accepts as a national or BIS number."""

import io
import json
import logging
import logging.config
import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from stdnum.be import bis, nn

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from perinatal.conf import base
from perinatal.core.refusals import InvalidInput
from perinatal.directory.models import Organization, Service
from perinatal.pathways import access, selectors
from perinatal.pathways.constants import ProgrammeServiceKind as Kind
from perinatal.pathways.services import (
    care_team,
    families,
    programme,
    referrals,
    retention,
    screening,
)
from perinatal.pathways.services.families import PersonInput

from .factories import child, mother, national_number_for, participate, register

# One sequence of 11 digits, optionally split as 85.07.30-033.28 (or with - everywhere).
CANDIDATE = re.compile(r"(?<!\d)(\d{2})[.-]?(\d{2})[.-]?(\d{2})[.-]?(\d{3})[.-]?(\d{2})(?!\d)")
# Opaque values that are not numbers in clear (UUIDs, request ids, keyed hashes, keys,
# Fernet tokens): removed before the scan, so their random digits cannot match by chance.
OPAQUE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[0-9a-fA-F]{32,}"
    r"|gAAAAA[A-Za-z0-9_\-]+=*"
)
TEXT_FIELDS = {
    "CharField",
    "TextField",
    "SlugField",
    "EmailField",
    "URLField",
    "FilePathField",
    "JSONField",
}


def _bis_number(birth: date, serial: int) -> str:
    """A valid BIS number (the month + 40: sex known), as the register computes it."""
    base_digits = f"{birth:%y}{birth.month + 40:02d}{birth:%d}{serial:03d}"
    number = f"{base_digits}{97 - int(base_digits) % 97:02d}"
    assert bis.is_valid(number), number
    return number


def national_numbers_in(text: str) -> list[str]:
    """Every valid national or BIS number written in `text`."""
    found = []
    for match in CANDIDATE.finditer(OPAQUE.sub(" ", text)):
        digits = "".join(match.groups())
        if nn.is_valid(digits) or bis.is_valid(digits):
            found.append(match.group(0))
    return found


def _text(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str, ensure_ascii=False)


def database_texts():
    """(table.column, text) for every text column of every table."""
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        fields = [f for f in meta.concrete_fields if f.get_internal_type() in TEXT_FIELDS]
        if not fields:
            continue
        names = [f.attname for f in fields]
        for row in model._base_manager.values_list(*names).iterator():
            for name, value in zip(names, row, strict=True):
                if value not in (None, "", [], {}):
                    yield f"{meta.db_table}.{name}", _text(value)


# --- The scanner itself finds what it must -------------------------------------------------

VALID = national_number_for(date(1985, 7, 30), 33)


@pytest.mark.parametrize(
    "text",
    [
        VALID,
        f"INSZ {VALID[:2]}.{VALID[2:4]}.{VALID[4:6]}-{VALID[6:9]}.{VALID[9:]} given",
        f"{VALID[:6]}-{VALID[6:9]}-{VALID[9:]}",
        f'{{"nr": "{VALID}"}}',
        _bis_number(date(1990, 5, 5), 123),
        national_number_for(date(2021, 2, 3), 5),  # born in 2000 or later
    ],
)
def test_the_scanner_finds_a_number_in_the_usual_ways_of_writing_it(text):
    assert national_numbers_in(text)


@pytest.mark.parametrize(
    "text",
    [
        VALID[:-1] + str((int(VALID[-1]) + 1) % 10),  # wrong check digits
        VALID + "1",  # 12 digits
        "94.03.12-***.**",  # masked
        "2025-03-03T10:00:00.123456+01:00",
        "0b9f3c1e-8a4d-4f59-9e1a-1234567890ab",
    ],
)
def test_the_scanner_ignores_what_is_no_number(text):
    assert national_numbers_in(text) == []


# --- The whole life of a family record, then the scan --------------------------------------

MOTHER_NN = national_number_for(date(1994, 3, 12), 11)
PARTNER_NN = national_number_for(date(1990, 7, 30), 21)
SECOND_MOTHER_BIS = _bis_number(date(1996, 5, 5), 77)
REGISTERED = date(2025, 3, 3)
BORN = date(2025, 5, 1)
CHILD_NN = national_number_for(BORN, 31)
ALL_NUMBERS = (MOTHER_NN, PARTNER_NN, SECOND_MOTHER_BIS, CHILD_NN)


def _dotted(number: str) -> str:
    return f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


@pytest.fixture
def json_log():
    """The production logging configuration (JSON lines) at DEBUG, into a buffer."""
    config = json.loads(json.dumps(base.LOGGING, default=str))
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    config["root"]["level"] = "DEBUG"
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("families", *args, stdout=out, stderr=out)
    return out.getvalue()


def _life_of_two_families(midwife, kg_nurse, admin_user, tmp_path) -> list[str]:
    """Everything a record goes through; returns the outputs to scan."""
    participate(midwife)
    organization = Organization.objects.create(name="Aquarelle (test)")
    service = Service.objects.create(organization=organization, name="Aquarelle follow-up")
    outputs = []
    with time_machine.travel(_at(REGISTERED), tick=False):
        first = register(
            midwife,
            registered_on=REGISTERED,
            due_date=date(2025, 5, 2),
            mother=mother(national_number=_dotted(MOTHER_NN)),
            partner=PersonInput("Youssef", "Testpartner", date(1990, 7, 30), PARTNER_NN),
        )
        second = register(
            midwife,
            registered_on=REGISTERED,
            due_date=date(2025, 9, 1),
            mother=mother(
                given_name="Fatou", family_name="Tweedemoeder", national_number=SECOND_MOTHER_BIS
            ),
        )
        # The same mother again while pregnant: refused, and the refusal names no number.
        with pytest.raises(InvalidInput) as refused:
            register(midwife, mother=mother(national_number=MOTHER_NN))
        outputs.append(str(refused.value.message_dict))
        for number in (
            MOTHER_NN,
            _dotted(SECOND_MOTHER_BIS),
            national_number_for(date(1980, 1, 1)),
        ):
            selectors.pregnancy_find_by_national_number(user=midwife, number=number)
        selectors.pregnancies_search(user=midwife, text="Testmoeder")
        for pregnancy in (first, second):
            found, grant = selectors.pregnancy_for_user(
                user=midwife, public_id=pregnancy.public_id, purpose="read"
            )
            screening.screening_record(
                by=midwife,
                pregnancy=found,
                grant=grant,
                date=REGISTERED,
                positive={"housing", "finances"},
            )
            programme.programme_service_record(
                by=midwife, pregnancy=found, grant=grant, kind=Kind.COORDINATION, date=REGISTERED
            )
            families.contact_record(
                by=midwife,
                pregnancy=found,
                grant=grant,
                date=REGISTERED,
                kind="home_visit",
                note="seen at home",
            )
            referrals.referral_create(
                by=midwife, pregnancy=found, grant=grant, service=service, reason="needs support"
            )
        care_team.emergency_access_open(
            by=kg_nurse, pregnancy=first, reason="Hospital called at night for the mother"
        )
        selectors.pregnancy_for_user(
            user=kg_nurse, public_id=first.public_id, purpose="emergency read"
        )
    with time_machine.travel(_at(BORN + timedelta(days=1)), tick=False):
        families.birth_record(
            by=midwife,
            pregnancy=first,
            grant=access.grant_for(midwife, first),
            date=BORN,
            place="hospital",
            children=[child(national_number=_dotted(CHILD_NN))],
        )
        for pregnancy in (first, second):
            data = retention.family_export(
                by=midwife, pregnancy=pregnancy, grant=access.grant_for(midwife, pregnancy)
            )
            outputs.append(json.dumps(data, ensure_ascii=False))
        target = tmp_path / "first.json"
        outputs.append(
            _command("export", str(first.public_id), "--by", admin_user.username, "-o", str(target))
        )
        outputs.append(target.read_text(encoding="utf-8"))
        outputs.append(_command("export", str(second.public_id), "--by", admin_user.username))
        for fmt in ("csv", "json"):
            outputs.append(
                _command(
                    "accesses", str(first.public_id), "--by", admin_user.username, "--format", fmt
                )
            )
    # Years later the first family's record is pseudonymised; the second's is not yet.
    purge_day = retention.first_1000_days_last_day(first.due_date) + timedelta(days=5 * 366 + 1)
    with time_machine.travel(_at(purge_day), tick=False):
        outputs.append(_command("purge", "--dry-run"))
        outputs.append(_command("purge"))
        outputs.append(
            _command(
                "accesses", str(first.public_id), "--by", admin_user.username, "--format", "json"
            )
        )
    return outputs


@pytest.mark.django_db
def test_no_valid_national_number_in_clear_anywhere(
    midwife, kg_nurse, admin_user, tmp_path, caplog, json_log
):
    caplog.set_level(logging.DEBUG)
    outputs = _life_of_two_families(midwife, kg_nurse, admin_user, tmp_path)

    places: dict[str, list[str]] = {}
    for column, text in database_texts():
        if found := national_numbers_in(text):
            places.setdefault(column, []).extend(found)
    assert places == {}, "national numbers in clear in the database"

    log_texts = [caplog.text, json_log.getvalue()]
    log_texts += [json.dumps(r.__dict__, default=str) for r in caplog.records]
    assert [n for text in log_texts for n in national_numbers_in(text)] == []
    assert any("pseudonymised" in r.getMessage() for r in caplog.records)  # logs were seen

    assert [n for text in outputs for n in national_numbers_in(text)] == []
    assert any("Testmoeder" in text for text in outputs)  # the exports hold the record

    # And none of the numbers used, in any form, even inside opaque values.
    everything = "\n".join([*outputs, *log_texts, *(text for _, text in database_texts())])
    for number in ALL_NUMBERS:
        assert number not in everything
        assert _dotted(number) not in everything
