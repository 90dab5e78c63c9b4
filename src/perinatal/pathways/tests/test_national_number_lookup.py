"""The one lookup of a family by a national number (`pathways.selectors`), as a table of cases:
which pregnancy is the mother's, with ended and pseudonymised records, several pregnancies and
twins, and a child's own number. The Kindboekje, kraamzorg and the families' search all use it.
"""

from datetime import date, timedelta

import pytest

from django.utils import timezone

from perinatal.pathways import access, selectors
from perinatal.pathways.constants import PregnancyStatus
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.services import families

from .factories import child, mother, national_number_for, register

pytestmark = pytest.mark.django_db

MOTHER = national_number_for(date(1994, 3, 12), 11)
OTHER_MOTHER = national_number_for(date(1990, 7, 1), 13)
TWIN_1 = national_number_for(date(2025, 1, 10), 21)
TWIN_2 = national_number_for(date(2025, 1, 10), 23)

TODAY = date.today()


def _pregnancy(by, *, due_in: int, status: str = PregnancyStatus.ONGOING, number=MOTHER):
    due = TODAY + timedelta(days=due_in)
    pregnancy = register(
        by,
        mother=mother(national_number=number, no_national_number=""),
        due_date=due,
        registered_on=min(TODAY, due - timedelta(days=100)),
    )
    Pregnancy.objects.filter(pk=pregnancy.pk).update(status=status)
    pregnancy.refresh_from_db()
    return pregnancy


def _born(by, pregnancy, *numbers):
    families.birth_record(
        by=by,
        pregnancy=pregnancy,
        grant=access.grant_for(by, pregnancy),
        date=min(pregnancy.due_date, TODAY),
        place="hospital",
        place_name="UZ Brussel",
        children=[child(given_name=f"Kind {i}", national_number=n) for i, n in enumerate(numbers)],
    )
    pregnancy.refresh_from_db()
    return pregnancy


# Each case: the mother's pregnancies (due in days, status, pseudonymised), then which one
# `pregnancy_of_mother` finds with include_ended False and True (index, or None).
CASES = [
    ("no pregnancy of hers", [], None, None),
    ("one ongoing", [(100, "ongoing", False)], 0, 0),
    ("one born", [(-30, "born", False)], 0, 0),
    ("one ended without birth", [(-30, "ended", False)], None, 0),
    ("ended is the latest", [(-300, "born", False), (60, "ended", False)], 0, 1),
    ("the latest due date wins", [(-300, "born", False), (120, "ongoing", False)], 1, 1),
    ("registered later, due earlier", [(120, "ongoing", False), (-300, "born", False)], 0, 0),
    ("pseudonymised is never found", [(-30, "born", True)], None, None),
    ("pseudonymised and a new one", [(-700, "born", True), (90, "ongoing", False)], 1, 1),
]


@pytest.mark.parametrize(
    ("pregnancies", "without_ended", "with_ended"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_mothers_pregnancy_by_her_national_number(
    midwife, pregnancies, without_ended, with_ended
):
    made = []
    # registered in the listed order (each set aside as born, so the next may be registered),
    # then given its status
    for due_in, _status, _pseudonymised in pregnancies:
        made.append(_pregnancy(midwife, due_in=due_in, status=PregnancyStatus.BORN))
    for pregnancy, (_due_in, status, pseudonymised) in zip(made, pregnancies, strict=True):
        Pregnancy.objects.filter(pk=pregnancy.pk).update(
            status=status, pseudonymised_at=timezone.now() if pseudonymised else None
        )
    _pregnancy(midwife, due_in=50, number=OTHER_MOTHER)  # another mother is never found

    expected = [made[i] if i is not None else None for i in (without_ended, with_ended)]
    found = [
        selectors.pregnancy_of_mother(MOTHER, include_ended=include) for include in (False, True)
    ]
    assert found == expected


def test_a_childs_own_number_finds_the_child_and_its_birth_order(midwife):
    twins = _born(midwife, _pregnancy(midwife, due_in=-5), TWIN_1, TWIN_2)
    first, second = selectors.child_by_number(TWIN_1), selectors.child_by_number(TWIN_2)
    assert (first.birth.pregnancy, first.birth_order) == (twins, 1)
    assert (second.birth.pregnancy, second.birth_order) == (twins, 2)
    # a child's number is not a mother's, and a mother's is not a child's
    assert selectors.pregnancy_of_mother(TWIN_1, include_ended=True) is None
    assert selectors.child_by_number(MOTHER) is None


def test_a_pseudonymised_family_hides_its_children(midwife):
    pregnancy = _born(midwife, _pregnancy(midwife, due_in=-5), TWIN_1)
    Pregnancy.objects.filter(pk=pregnancy.pk).update(pseudonymised_at=timezone.now())
    assert selectors.child_by_number(TWIN_1) is None


def test_the_hash_and_the_number_find_the_same(midwife):
    from perinatal.core import national_number

    pregnancy = _pregnancy(midwife, due_in=80)
    digest = national_number.lookup_hash(MOTHER)
    assert selectors.pregnancy_of_mother_by_hash(digest, include_ended=False) == pregnancy
    assert selectors.pregnancy_of_mother(MOTHER, include_ended=False) == pregnancy


def test_a_number_that_is_not_valid_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        selectors.pregnancy_of_mother("12345678901", include_ended=True)
