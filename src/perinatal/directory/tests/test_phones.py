"""Phone numbers are read as people write them and stored in E.164; a malformed one is
refused by the loader and the importer naming where it is, and stored numbers that cannot
be read are kept as written and flagged for editors."""

import importlib
import json
from types import SimpleNamespace

import pytest

from django.apps import apps
from django.db import connection
from django.utils import translation

from perinatal.directory.brussels import LoadError, load
from perinatal.directory.hsds.importer import import_path
from perinatal.directory.hsds.reader import ImportRefused
from perinatal.directory.models import Phone, Schedule, Service
from perinatal.directory.phones import PhoneNumberProblem, phone_for_editing, phone_normalise
from perinatal.directory.tests.factories import ServiceFactory

READ = {
    "international with spaces": ("+32 2 216 79 44", "+3222167944"),
    "national with slash and dots": ("02/216.79.44", "+3222167944"),
    "mobile": ("0471 84 29 93", "+32471842993"),
    "international call prefix": ("0032 2 216 79 44", "+3222167944"),
    "spaces and new lines around": ("  02 216\n79 44 ", "+3222167944"),
    "French number": ("+33 1 42 68 53 00", "+33142685300"),
    "Belgian short number": ("1733", "1733"),
    "short number with a space": ("17 33", "1733"),
}


@pytest.mark.parametrize(("written", "stored"), READ.values(), ids=READ.keys())
def test_numbers_are_read_as_people_write_them(written, stored):
    assert phone_normalise(written) == stored


REFUSED = {
    "letters": ("abc", "is not a phone number"),
    "a digit short": ("02 216 79 4", "is not a valid phone number"),
    "too long": ("+32 2 216 79 44 44 44", "too many digits"),
    "short number with a country code": ("+32 1733", "too few digits"),
    "unknown country": ("+999 123456", "is not a phone number"),
    "empty": ("   ", "empty"),
    "longer than the column": ("0" * 41, "too long"),
}


@pytest.mark.parametrize(("written", "says"), REFUSED.values(), ids=REFUSED.keys())
def test_what_is_no_phone_number_is_refused_saying_why(written, says):
    with translation.override("en"), pytest.raises(PhoneNumberProblem) as problem:
        phone_normalise(written)
    assert says in str(problem.value)


def test_the_reason_is_given_in_the_readers_language():
    with translation.override("fr"), pytest.raises(PhoneNumberProblem) as problem:
        phone_normalise("02 216 79 4")
    assert "n'est pas un numéro de téléphone valide" in str(problem.value)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+3222167944", "02 216 79 44"),
        ("+32471842993", "0471 84 29 93"),
        ("+33142685300", "+33 1 42 68 53 00"),
        ("1733", "1733"),
        ("02 216 79 4", "02 216 79 4"),
        ("", ""),
    ],
)
def test_editors_see_a_belgian_number_in_its_national_form(stored, shown):
    assert phone_for_editing(stored) == shown


@pytest.mark.django_db
def test_the_model_stores_e164():
    service = ServiceFactory()
    phone = Phone.objects.create(service=service, number="02/216.79.44")
    assert Phone.objects.filter(pk=phone.pk, number="+3222167944").exists()
    assert str(Phone.objects.get(pk=phone.pk).number) == "+3222167944"


# --- The Brussels loader ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_loader_stores_numbers_written_in_any_usual_way(small_file):
    small_file["organizations"][0]["phones"] = ["02/216.79.44"]
    small_file["organizations"][1]["services"][0]["phones"] = ["0471 84 29 93", "1733"]
    load(small_file)
    assert sorted(str(p.number) for p in Phone.objects.all()) == [
        "+3222167944",
        "+32471842993",
        "1733",
    ]


@pytest.mark.django_db
def test_the_loader_refuses_a_malformed_number_naming_entry_and_field(small_file):
    small_file["organizations"][1]["services"][0]["phones"] = ["02 216 79 4"]
    with translation.override("en"), pytest.raises(LoadError) as refused:
        load(small_file)
    assert refused.value.problems == [
        "service levensadem-grief: field “phones”: “02 216 79 4” is not a valid phone number "
        "(no such number is in use). Write it as 02 216 79 44 or +32 2 216 79 44."
    ]
    assert not Service.objects.exists() and not Phone.objects.exists()


# --- The HSDS importer --------------------------------------------------------------------

ORG_ID = "11111111-1111-4111-8111-111111111111"
SERVICE_ID = "22222222-2222-4222-8222-222222222222"
CONTACT_ID = "66666666-6666-4666-8666-666666666666"


def _services_file(tmp_path, **extra):
    service = {
        "id": SERVICE_ID,
        "name": "Onthaal",
        "status": "active",
        "organization": {"id": ORG_ID, "name": "Praktijk"},
        **extra,
    }
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service]), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_importer_stores_numbers_in_e164_with_contact_phones(tmp_path):
    phone = {"id": "44444444-4444-4444-8444-444444444444", "number": "02/216.79.44"}
    contact = {
        "id": CONTACT_ID,
        "name": "Onthaal",
        "phones": [{"id": "77777777-7777-4777-8777-777777777777", "number": "0471 84 29 93"}],
    }
    import_path(_services_file(tmp_path, phones=[phone], contacts=[contact]))
    service = Service.objects.get()
    assert [str(p.number) for p in service.phones.all()] == ["+3222167944"]
    assert [str(p.number) for p in service.contacts.get().phones.all()] == ["+32471842993"]
    summary = import_path(_services_file(tmp_path, phones=[phone], contacts=[contact]))
    assert not summary.created and not summary.updated and not summary.deleted


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "where", "says"),
    [
        (
            {"phones": [{"id": "44444444-4444-4444-8444-444444444444", "number": "02 216 79"}]},
            "record 1 › phones[0] (id 44444444-4444-4444-8444-444444444444), field “number”",
            "“02 216 79” is not a valid phone number",
        ),
        (
            {
                "schedules": [
                    {
                        "id": "88888888-8888-4888-8888-888888888888",
                        "opens_at": "17:00:00",
                        "closes_at": "09:00:00",
                    }
                ]
            },
            "record 1 › schedules[0] (id 88888888-8888-4888-8888-888888888888), field “closes_at”",
            "closes at 09:00, not after it opens at 17:00",
        ),
    ],
    ids=["malformed phone", "closes before it opens"],
)
def test_the_importer_refuses_a_bad_value_naming_record_and_field(tmp_path, extra, where, says):
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        import_path(_services_file(tmp_path, **extra))
    (error,) = refused.value.errors
    assert where in error and says in error, error
    assert not Service.objects.exists() and not Phone.objects.exists()
    assert not Schedule.objects.exists()


# --- The migration of stored numbers -------------------------------------------------------


def _store_as_written(phone: Phone, text: str) -> None:
    """Put a number in the table as an older version stored it (the field would convert it)."""
    pk = Phone._meta.pk.get_db_prep_value(phone.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE directory_phone SET number = %s WHERE id = %s", [text, pk])


@pytest.mark.django_db
def test_the_migration_converts_stored_numbers_and_flags_what_it_cannot_read():
    migration = importlib.import_module(
        "perinatal.directory.migrations.0002_phones_e164_and_editing"
    )
    service = ServiceFactory()
    written = ["+32 2 216 79 44", "02/216.79.44", "0471 84 29 93", "1733", "02 216 79 4", "?"]
    phones = [Phone.objects.create(service=service, number="+3222167944") for _ in written]
    for phone, text in zip(phones, written, strict=True):
        _store_as_written(phone, text)
    migration.phones_to_e164(apps, SimpleNamespace(connection=connection))
    rows = {
        (str(p.number), p.needs_check) for p in Phone.objects.filter(pk__in=[p.pk for p in phones])
    }
    assert rows == {
        ("+3222167944", False),
        ("+32471842993", False),
        ("1733", False),
        ("02 216 79 4", True),
        ("?", True),
    }
    assert Phone.objects.filter(number="+3222167944").count() == 2
