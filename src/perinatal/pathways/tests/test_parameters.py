"""Dated parameters: each has a source, and the value in force depends on the day."""

from datetime import date

import pytest

from perinatal.core.parameters import NotInForce, Parameter, UnknownParameter, Value
from perinatal.pathways.parameters import all_parameters, parameter


def test_every_parameter_cites_its_source_and_has_a_value():
    for name, spec in all_parameters().items():
        assert spec.source.strip(), name
        assert spec.values, name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ppa.max_sessions", 2),
        ("coordination.period_months", 12),
        ("coordination.max_renewals", 2),
        ("mdo.session_minutes", 15),
        ("mdo.max_participants", 4),
        ("mdo.max_per_programme", 3),
        ("physiotherapy.max_sessions", 9),
        ("midwife_home_visits.max_reimbursed", 10),
        ("kind_en_gezin.key_moments", 10),
        ("screening.days_after_birth", 7),
        ("postnatal.period_days", 42),
        ("programme.billable_from", date(2024, 9, 1)),
    ],
)
def test_values_from_the_sources(name, expected):
    assert parameter(name, on=date(2025, 6, 1)) == expected


def test_the_value_in_force_follows_the_day():
    changed = Parameter("x", "", "test", (Value(date(2024, 1, 1), 2), Value(date(2025, 1, 1), 3)))
    assert changed.on(date(2024, 12, 31)) == 2
    assert changed.on(date(2025, 1, 1)) == 3
    with pytest.raises(NotInForce):
        changed.on(date(2023, 12, 31))


def test_unknown_parameter():
    with pytest.raises(UnknownParameter):
        parameter("nope", on=date(2025, 1, 1))


def test_programme_parameters_are_not_in_force_before_september_2024():
    with pytest.raises(NotInForce):
        parameter("ppa.max_sessions", on=date(2024, 8, 31))
