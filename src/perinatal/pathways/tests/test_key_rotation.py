"""`perinatal keys rotate`: every stored national number (mothers, partners, children)
re-encrypted under the newest key, in batches, resumable, logged — and refused clearly when
a value's key is missing from the list."""

import json
import logging
from datetime import date, timedelta
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from pythonjsonlogger.json import JsonFormatter

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from perinatal.audit.models import ChangeEvent
from perinatal.core import national_number
from perinatal.core.key_rotation import encrypted_columns
from perinatal.core.national_number_keys import fingerprint
from perinatal.pathways import access
from perinatal.pathways.models import Child, Person
from perinatal.pathways.services import families
from perinatal.pathways.services.key_rotation import CHANGE_LOG_TYPE

from .factories import child, mother, national_number_for, register

pytestmark = pytest.mark.django_db

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()
LOST = Fernet.generate_key().decode()

MOTHERS = [national_number_for(date(1990, 1, 1) + timedelta(days=40 * i), 31 + i) for i in range(3)]
TWINS = [national_number_for(date(2025, 2, 3), 41), national_number_for(date(2025, 2, 3), 43)]
EVERY = MOTHERS + TWINS


@pytest.fixture
def families_under(settings, kg_nurse):
    """`families_under(key)`: the three mothers (the last with twins) registered while `key`
    was the only encryption key, and a mother without a number (nothing to encrypt)."""

    def make(key: str, numbers: list[str] = MOTHERS, twins: list[str] = TWINS) -> None:
        settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [key]
        pregnancy = None
        for number in numbers:
            pregnancy = register(kg_nurse, mother=mother(national_number=number))
        if twins and pregnancy is not None:
            families.birth_record(
                by=kg_nurse,
                pregnancy=pregnancy,
                grant=access.grant_for(kg_nurse, pregnancy),
                date=date.today(),
                place="hospital",
                place_name="UZ Brussel",
                children=[
                    child(given_name=f"Tweeling {i}", national_number=n)
                    for i, n in enumerate(twins)
                ],
            )

    make.no_number = lambda: register(kg_nurse)  # type: ignore[attr-defined]
    return make


def stored() -> dict[str, str]:
    """The stored ciphertexts by owner, every encrypted column."""
    values = {}
    for model in (Person, Child):
        for pk, value in model.objects.exclude(national_number_encrypted="").values_list(
            "pk", "national_number_encrypted"
        ):
            values[f"{model.__name__}:{pk}"] = value
    return values


def readable_numbers() -> list[str]:
    return sorted(national_number.decrypt(value) for value in stored().values())


def rotate(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):  # the assertions read the English messages
        call_command("keys", "rotate", *args, stdout=out)
    return out.getvalue()


def test_every_encrypted_column_of_every_app_is_registered():
    columns = {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.name.endswith("_encrypted")
    }
    assert columns == {(c.model, c.field) for c in encrypted_columns}
    assert columns == {
        ("pathways.Person", "national_number_encrypted"),
        ("pathways.Child", "national_number_encrypted"),
    }


def test_numbers_written_under_an_old_key_are_readable_with_only_the_new_key_after_rotation(
    settings, families_under
):
    families_under(OLD)
    families_under.no_number()
    before = stored()
    assert len(before) == 5

    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW, OLD]
    output = rotate("--batch-size", "2")

    assert "pathways.person.national_number_encrypted: 3 re-encrypted, 0 already current" in output
    assert "pathways.child.national_number_encrypted: 2 re-encrypted, 0 already current" in output
    assert output.endswith("5 re-encrypted, 0 already current.\n")
    after = stored()
    assert after.keys() == before.keys()
    assert all(after[owner] != before[owner] for owner in before)

    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW]  # the old key retired
    assert readable_numbers() == sorted(EVERY)
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [OLD]
    assert not any(_readable(value) for value in after.values())


def test_the_rotation_writes_one_change_log_row_without_numbers_or_keys(settings, families_under):
    families_under(OLD)
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW, OLD]
    rotate()

    (event,) = ChangeEvent.objects.filter(object_type=CHANGE_LOG_TYPE)
    assert event.object_id == fingerprint(NEW)
    assert event.changes == {
        "newest_key": [None, fingerprint(NEW)],
        "re_encrypted": [None, 5],
        "already_current": [None, 0],
    }
    assert event.reason.startswith(
        "perinatal keys rotate (pathways.person.national_number_encrypted: 3"
    )
    text = json.dumps([event.changes, event.reason, event.object_repr])
    assert not any(secret in text for secret in [NEW, OLD, *EVERY])


def test_a_rerun_touches_nothing(settings, families_under):
    families_under(OLD)
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW, OLD]
    rotate("--batch-size", "2")
    once = stored()

    output = rotate("--batch-size", "2")

    assert output.endswith("0 re-encrypted, 5 already current.\n")
    assert stored() == once
    assert ChangeEvent.objects.filter(object_type=CHANGE_LOG_TYPE).count() == 1


def test_only_the_rows_not_yet_under_the_newest_key_are_rewritten(settings, families_under):
    # As after a run that stopped halfway: some rows already under the newest key.
    families_under(OLD, numbers=MOTHERS[:2], twins=[])
    families_under(NEW, numbers=MOTHERS[2:], twins=TWINS)
    current = stored()
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW]
    under_new = {owner for owner, v in current.items() if _readable(v)}
    assert len(under_new) == 3

    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW, OLD]
    output = rotate("--batch-size", "1")

    assert output.endswith("2 re-encrypted, 3 already current.\n")
    after = stored()
    assert {owner for owner in current if after[owner] == current[owner]} == under_new


def _readable(value: str) -> bool:
    try:
        national_number.decrypt(value)
    except ValueError:
        return False
    return True


def test_a_key_list_without_the_old_key_is_refused_clearly_and_changes_nothing(
    settings, families_under
):
    families_under(OLD)
    before = stored()
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW]  # OLD forgotten

    with pytest.raises(CommandError) as refused:
        rotate()

    message = str(refused.value)
    assert "pathways.person.national_number_encrypted, row" in message
    assert "no key of NATIONAL_NUMBER_ENCRYPTION_KEYS (1 configured) decrypts it" in message
    assert "Re-encrypted before it: 0." in message
    assert not any(secret in message for secret in [NEW, OLD, *EVERY])
    assert stored() == before
    assert not ChangeEvent.objects.filter(object_type=CHANGE_LOG_TYPE).exists()


@pytest.mark.django_db(transaction=True)
def test_a_run_stopped_by_a_lost_key_keeps_its_finished_batches_and_logs_them(
    settings, families_under, audit_flushable
):
    # Real transactions: each batch commits on its own, the failing one rolls back.
    families_under(OLD, numbers=MOTHERS[:2], twins=[])
    families_under(LOST, numbers=MOTHERS[2:], twins=[])
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW, OLD]

    with pytest.raises(CommandError, match="Re-encrypted before it: 2."):
        rotate("--batch-size", "1")

    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW]
    assert sum(_readable(v) for v in stored().values()) == 2
    (event,) = ChangeEvent.objects.filter(object_type=CHANGE_LOG_TYPE)
    assert event.changes["re_encrypted"] == [None, 2]
    assert event.reason.endswith("Stopped at a value no configured key decrypts.")


def test_a_dry_run_counts_and_changes_nothing(settings, families_under):
    families_under(OLD, numbers=MOTHERS[:2], twins=[])
    families_under(NEW, numbers=MOTHERS[2:], twins=[])
    families_under(LOST, numbers=[national_number_for(date(1991, 5, 5), 51)], twins=[])
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW, OLD]
    before = stored()

    output = rotate("--dry-run", "--batch-size", "2")

    assert (
        "pathways.person.national_number_encrypted: 2 to re-encrypt, 1 already current, "
        "1 unreadable" in output
    )
    assert output.endswith(
        "Dry run: 2 to re-encrypt, 1 already current, 1 unreadable with the configured keys. "
        "Nothing was changed.\n"
    )
    assert stored() == before
    assert not ChangeEvent.objects.filter(object_type=CHANGE_LOG_TYPE).exists()


def test_each_batch_is_one_json_log_line_without_numbers(settings, families_under, caplog):
    families_under(OLD)
    settings.NATIONAL_NUMBER_ENCRYPTION_KEYS = [NEW, OLD]
    with caplog.at_level(logging.INFO, logger="perinatal.keys"):
        rotate("--batch-size", "2")

    formatter = JsonFormatter("%(levelname)s %(name)s %(message)s")
    lines = [
        json.loads(formatter.format(r))
        for r in caplog.records
        if r.getMessage() == "national numbers: batch checked"
    ]
    # 3 mothers in batches of 2, then 2 children in one batch.
    assert [(line["column"], line["rows_in_batch"]) for line in lines] == [
        ("pathways.person.national_number_encrypted", 2),
        ("pathways.person.national_number_encrypted", 1),
        ("pathways.child.national_number_encrypted", 2),
    ]
    last = lines[-1]
    assert (last["batch"], last["checked"], last["total"], last["re_encrypted"]) == (1, 2, 2, 2)
    logged = json.dumps([formatter.format(r) for r in caplog.records])
    assert not any(secret in logged for secret in [NEW, OLD, *EVERY])


@pytest.mark.parametrize(("language", "written"), [("en", "12,345"), ("nl", "12.345")])
def test_the_summary_groups_counts_as_the_language_writes_them(language, written):
    from perinatal.pathways.cli.keys_rotate import _count

    with translation.override(language):
        assert _count(12_345) == written
