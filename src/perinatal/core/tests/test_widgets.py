"""`QuickSelect` writes the HTML Django's `Select` writes, option for option."""

import re

import pytest

from django import forms
from django.utils import translation

from perinatal.core.widgets import QuickSelect

CHOICES = [("", "— any —"), ("nl", "Nederlands"), ("fr", "Français & <co>"), ("x y", "“quoted”")]
GROUPED = [("", "none"), ("Groep <1>", [("a", "A"), ("b", "B")]), ("c", "C")]


def _same(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


@pytest.mark.parametrize("choices", [CHOICES, GROUPED], ids=["flat", "optgroups"])
@pytest.mark.parametrize("value", [None, "", "fr", "x y", "b", "unknown"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_need", "aria-describedby": 'h"int'}])
def test_quick_select_writes_what_select_writes(choices, value, attrs):
    django = forms.Select(choices=choices).render("need", value, attrs=attrs)
    quick = QuickSelect(choices=choices).render("need", value, attrs=attrs)
    assert _same(quick) == _same(django)


def test_a_bound_search_form_keeps_the_choice_and_escapes_labels():
    from perinatal.directory.forms import SearchForm

    with translation.override("fr"):
        form = SearchForm({"need": "perinatal_grief", "language": "ar"})
        need, language = str(form["need"]), str(form["language"])
        plain = forms.Select(choices=form.fields["need"].choices).render("need", "perinatal_grief")
    assert 'value="perinatal_grief" selected>Deuil périnatal<' in need
    assert 'value="ar" selected' in language
    assert _same(need.replace(' id="id_need"', "")) == _same(plain)
