"""The figures other apps register with the monitoring (monitoring/figures/sources.py): each of
the Kindboekje, the programme and kraamzorg once, after django.setup(), in the dashboard's
order; a module or a table registered twice is refused."""

from datetime import date

import pytest

from perinatal.core.registry import AlreadyRegistered
from perinatal.monitoring.figures import (
    FigureModule,
    FigureSource,
    figure_modules,
    figure_tables,
    modules_in_order,
    register_figures,
)

DASHBOARD_ORDER = [
    "kindboekje_steps",
    "kindboekje_channels",
    "kindboekje_prevented",
    "kindboekje_without",
    "screenings",
    "entitlements",
    "kraamzorg_requests",
    "kraamzorg_uptake",
]


def test_each_feature_app_registers_its_figures_exactly_once():
    assert sorted(figure_modules.keys()) == ["kindboekje", "kraamzorg", "programme"]
    found = {module.key: module.sources[0].table.__module__ for module in figure_modules}
    assert found == {
        "kindboekje": "perinatal.booklets.figures",
        "programme": "perinatal.pathways.figures",
        "kraamzorg": "perinatal.kraamzorg.figures",
    }


def test_the_dashboard_shows_the_modules_in_their_fixed_order():
    assert [module.key for module in modules_in_order()] == ["kindboekje", "programme", "kraamzorg"]
    assert list(figure_tables()) == DASHBOARD_ORDER


def _nothing(year: int, by: str, on: date):
    raise AssertionError("not counted")


def test_a_module_registered_twice_is_refused():
    again = FigureModule("kraamzorg", 99, (FigureSource("other", _nothing),), lambda: [])
    with pytest.raises(AlreadyRegistered):
        register_figures(again)
    assert len(figure_modules) == 3


def test_a_table_key_another_module_registered_is_refused():
    copy = FigureModule("copy", 99, (FigureSource("screenings", _nothing),), lambda: [])
    with pytest.raises(ValueError, match="screenings"):
        register_figures(copy)
    assert "copy" not in figure_modules
