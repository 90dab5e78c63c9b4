"""The one gate for text (core/control_characters.py): which characters are refused, how
they are named and shown, and that every form's text field refuses them (issue 17, item 1)."""

import pytest

from django import forms
from django.test import Client
from django.utils import translation

from perinatal.accounts.forms import ApiTokenForm
from perinatal.core.control_characters import (
    check_text,
    control_character_at,
    control_characters_in,
    shown,
)

# (text, position of the first refused character or None): C0 but tab/LF/CR, DEL, C1,
# lone surrogates are refused; letters of any script, emoji, NBSP and U+2028 are text.
CASES = [
    ("Amina", None),
    ("Tab\there", None),
    ("two\nlines\r\n", None),
    ("Ève ß 中文 😀 \u00a0 \u2028", None),
    ("a\x00b", 1),
    ("\x01", 0),
    ("esc\x1b[0m", 3),
    ("del\x7f", 3),
    ("c1\x85", 2),
    ("c1\x9f", 2),
    ("half \ud800", 5),
]


@pytest.mark.parametrize(("text", "position"), CASES)
def test_which_characters_are_refused(text, position):
    assert control_character_at(text) == position


def test_a_one_line_value_may_refuse_line_ends():
    assert control_character_at("a\nb", line_ends=False) == 1
    assert control_character_at("a\tb", line_ends=False) is None


def test_the_message_names_the_field_the_character_and_the_place():
    with translation.override("en"), pytest.raises(Exception) as refused:
        check_text("ab\x00", field="given_name")
    assert "given_name" in str(refused.value) and "U+0000" in str(refused.value)
    assert "position 3" in str(refused.value)


def test_shown_writes_refused_characters_out():
    assert shown("a\x00b\x1bc\nd") == "a\\x00b\\x1bc\nd"


def test_every_string_of_a_json_document_is_checked_keys_included():
    found = control_characters_in({"a": {"b": ["ok", "x\x00"]}, "k\x01": 1, "n": 3})
    assert [field for field, _message in found] == ["a.b", "(name)"]


class NoteForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)
    slug = forms.SlugField(required=False)


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x85"])
def test_every_forms_text_field_refuses_a_control_character(char):
    form = NoteForm({"title": f"a{char}b", "note": "fine\r\nlines\tand tabs"})
    assert not form.is_valid()
    assert list(form.errors) == ["title"]
    assert f"U+{ord(char):04X}" in form.errors["title"][0]


def test_a_nul_is_refused_once_by_djangos_own_validator():
    form = NoteForm({"title": "a\x00b"})
    assert not form.is_valid()
    assert len(form.errors["title"]) == 1


def test_the_projects_forms_refuse_them_too():
    form = ApiTokenForm({"name": "token\x07", "days": 30})
    assert not form.is_valid() and "name" in form.errors


@pytest.mark.django_db
def test_a_control_character_in_the_search_page_is_not_a_server_error():
    response = Client().get("/nl/", {"q": "a\x00b\x01"})
    assert response.status_code in (200, 400)
