"""The guide's data file: every step in three languages, with a source and a valid timing,
and the checks that refuse what the page could not show (parents/guide_content.py)."""

import copy

import pytest

from perinatal.booklets.parameters import parameter as booklets_parameter
from perinatal.pathways.parameters import parameter as pathways_parameter
from perinatal.worklist.parameters import parameter as worklist_parameter

from ..guide_content import LANGUAGES, problems, read, steps

ASKED = {  # issue 16 item 6 and the helper's brief: the steps the guide must hold
    "childcare",
    "kraamzorg",
    "birth-place",
    "declare-birth",
    "birth-allowance",
    "child-benefit-fund",
    "meet-kind-en-gezin-or-one",
    "child-consultations",
    "kindboekje",
    "screening",
    "programme-entitlements",
}


def test_the_data_file_has_no_problems():
    assert problems(read()) == []


def test_every_step_has_its_three_languages_a_source_and_a_timing():
    for step in steps():
        for lang in LANGUAGES:
            assert step.title_in(lang).strip() and step.text_in(lang).strip(), step.key
        assert step.source.startswith("seed 00"), step.key
        assert step.timing.start or step.timing.end, step.key
    titles = {lang: {step.title_in(lang) for step in steps()} for lang in LANGUAGES}
    assert titles["nl"] != titles["fr"] != titles["en"]


def test_the_guide_holds_the_steps_asked_for():
    assert {step.key for step in steps()} >= ASKED


def test_the_steps_are_in_time_order():
    def first_day(step):
        start = step.timing.start
        if start.pregnancy_week is not None:
            return start.pregnancy_week * 7 - 280
        return (start.after_birth_days or 0) + (start.after_birth_months or 0) * 30

    starts = [first_day(step) for step in steps()]
    assert starts == sorted(starts)


def test_the_timings_agree_with_the_rules_of_the_apps():
    """The same limits as the apps that enforce them: the screening window (pathways), the
    Kindboekje's six weeks (booklets)."""
    from datetime import date

    by_key = {step.key: step for step in steps()}
    today = date.today()
    assert by_key["screening"].timing.end.after_birth_days == pathways_parameter(
        "screening.days_after_birth", on=today
    )
    assert by_key["kindboekje"].timing.end.after_birth_days == booklets_parameter(
        "booklets.follow_up_after_birth_days", on=today
    )
    assert worklist_parameter("startgesprek.due_week", on=today) < 40  # in the pregnancy


def test_the_only_rules_not_drawn_from_the_seeds_say_so():
    general = {step.key for step in steps() if step.general_knowledge}
    assert general == {"declare-birth", "birth-allowance", "child-benefit-fund"}


def _broken(mutate):
    data = copy.deepcopy(read())
    mutate(data["steps"][0])
    return problems(data)


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda s: s["title"].pop("fr"), "no title in fr"),
        (lambda s: s["text"].update(en="  "), "no text in en"),
        (lambda s: s.pop("source"), "no source"),
        (lambda s: s.update(source="a website"), "no source"),
        (lambda s: s.pop("when"), "no timing"),
        (lambda s: s.update(when={"start": {"pregnancy_week": 50}}), "whole number from 1 to 42"),
        (lambda s: s.update(when={"start": {"weeks": 3}}), "one of"),
        (
            lambda s: s.update(
                when={"start": {"after_birth_days": 5}, "end": {"pregnancy_week": 30}}
            ),
            "ends before it starts",
        ),
        (lambda s: s.update(tracked="birth_declared"), "tracked must be one of"),
        (lambda s: s.update(links=["somewhere"]), "unknown link"),
        (lambda s: s.update(services={}), "no services"),
        (lambda s: s.update(services={"needs": ["cooking"]}), "unknown need cooking"),
        (lambda s: s.update(services={"phases": ["later"]}), "unknown phase later"),
        (lambda s: s.update(services={"needs": ["childcare"], "limit": 50}), "limit must be"),
    ],
)
def test_a_broken_step_is_named(mutate, problem):
    found = _broken(mutate)
    assert any(problem in line for line in found), found


def test_a_key_used_twice_is_named():
    data = copy.deepcopy(read())
    data["steps"].append(copy.deepcopy(data["steps"][0]))
    assert any("key used twice" in line for line in problems(data))


def test_a_file_without_steps_is_refused():
    assert problems({"steps": []}) == ["the file has no steps"]
