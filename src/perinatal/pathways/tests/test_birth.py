from datetime import date, timedelta

import pytest

from perinatal.core.refusals import InvalidInput
from perinatal.pathways import access
from perinatal.pathways.models import Birth, Child
from perinatal.pathways.services import families

from .factories import child, national_number_for, register

pytestmark = pytest.mark.django_db


def _birth(user, pregnancy, **overrides):
    data = {
        "date": date.today(),
        "place": "hospital",
        "place_name": "CHU Saint-Pierre",
        "children": [child()],
    }
    data.update(overrides)
    return families.birth_record(
        by=user, pregnancy=pregnancy, grant=access.grant_for(user, pregnancy), **data
    )


def test_twins_with_a_nicu_admission(midwife):
    pregnancy = register(midwife, registered_on=date.today() - timedelta(days=200))
    birth = _birth(
        midwife,
        pregnancy,
        children=[
            child(given_name="Noor", nicu_admission=True, nicu_days=12),
            child(given_name="Nour", national_number=national_number_for(date.today(), 42)),
        ],
    )
    children = list(birth.children.all())
    assert [c.birth_order for c in children] == [1, 2]
    assert children[0].nicu_admission and children[0].nicu_days == 12
    assert children[1].national_number_hash
    pregnancy.refresh_from_db()
    assert pregnancy.status == "born"


def test_a_second_birth_for_the_same_pregnancy_is_refused(midwife):
    pregnancy = register(midwife, registered_on=date.today() - timedelta(days=200))
    _birth(midwife, pregnancy)
    with pytest.raises(InvalidInput):
        _birth(midwife, pregnancy)
    assert Birth.objects.count() == 1 and Child.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"children": []}, "children"),
        ({"date": date.today() + timedelta(days=1)}, "date"),
        ({"children": [child(national_number="12345678901")]}, "child1_national_number"),
    ],
)
def test_a_bad_birth_is_refused_whole(midwife, overrides, field):
    pregnancy = register(midwife, registered_on=date.today() - timedelta(days=200))
    with pytest.raises(InvalidInput) as error:
        _birth(midwife, pregnancy, **overrides)
    assert field in error.value.error_dict
    assert Birth.objects.count() == 0
