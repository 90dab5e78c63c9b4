from datetime import date

import pytest

from perinatal.audit.models import AccessEvent
from perinatal.core import national_number
from perinatal.core.refusals import InvalidInput, NoAccess
from perinatal.pathways.models import Person, Pregnancy

from .factories import mother, national_number_for, register

pytestmark = pytest.mark.django_db


def test_a_national_number_is_kept_as_keyed_hash_and_encrypted_copy(midwife):
    number = national_number_for(date(1994, 3, 12), 17)
    pregnancy = register(midwife, mother=mother(national_number=number, no_national_number=""))
    person = pregnancy.mother
    assert person.national_number_hash == national_number.lookup_hash(number)
    assert number not in person.national_number_encrypted
    assert national_number.decrypt(person.national_number_encrypted) == number
    assert person.no_national_number == ""


def test_the_area_is_derived_from_the_postcode(midwife):
    assert register(midwife, postcode="2018", municipality="Antwerpen").area_nis == "10000"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {"mother": mother(national_number="85073003327", no_national_number="")},
            "mother_national_number",
        ),
        ({"mother": mother(national_number="", no_national_number="")}, "mother_national_number"),
        ({"mother": mother(given_name="", family_name="")}, "mother_family_name"),
        ({"postcode": "999"}, "postcode"),
        ({"postcode": "10800"}, "postcode"),
        ({"municipality": " "}, "municipality"),
        ({"languages": ["nl", "klingon"]}, "languages"),
        ({"due_date": date(2031, 1, 1)}, "due_date"),
    ],
)
def test_bad_input_is_refused_per_field_and_nothing_is_stored(midwife, overrides, field):
    with pytest.raises(InvalidInput) as error:
        register(midwife, **overrides)
    assert field in error.value.error_dict
    assert Pregnancy.objects.count() == 0
    assert Person.objects.count() == 0
    assert AccessEvent.objects.count() == 0


def test_a_known_mother_is_found_and_a_second_ongoing_pregnancy_refused(midwife, kg_nurse):
    number = national_number_for(date(1990, 1, 5), 3)
    first = register(midwife, mother=mother(national_number=number, no_national_number=""))
    with pytest.raises(InvalidInput) as error:
        register(
            kg_nurse,
            mother=mother(national_number=number, no_national_number="", given_name="Other"),
        )
    assert "mother_national_number" in error.value.error_dict
    assert Pregnancy.objects.count() == 1
    first.status = "born"
    first.save()
    second = register(kg_nurse, mother=mother(national_number=number, no_national_number=""))
    assert second.mother_id == first.mother_id


def test_a_mother_without_number_says_why(midwife):
    pregnancy = register(midwife, mother=mother(no_national_number="no_legal_residence"))
    assert pregnancy.mother.national_number_hash is None
    assert pregnancy.mother.no_national_number == "no_legal_residence"


@pytest.mark.parametrize("role_fixture", ["analyst", "editor", "admin_user", "parent"])
def test_only_care_professionals_register(request, role_fixture):
    with pytest.raises(NoAccess):
        register(request.getfixturevalue(role_fixture))
    assert Pregnancy.objects.count() == 0


def test_registration_writes_a_create_row_with_the_pregnancy_as_subject(midwife):
    pregnancy = register(midwife)
    row = AccessEvent.objects.get()
    assert (row.action, row.basis, row.subject) == ("create", "care_team", str(pregnancy.public_id))
    assert row.actor_role == midwife.role
    assert row.actor_organisation == str(midwife.organisation)
