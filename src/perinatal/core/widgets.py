"""Form widgets that write their HTML in Python.

Django's `Select` renders each option through a template include (`select_option.html`, then
`attrs.html`): the directory's search form, whose three lists hold about 80 options, spent
about 5 ms of a 25 ms result page on them. `QuickSelect` writes the same HTML (the same
attributes, `selected` on the chosen option, optgroups) from the same context."""

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """Attributes as Django's `attrs.html` writes them: in order, `True` as a bare name,
    `False` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _option(option: dict[str, Any]) -> tuple[str, SafeString, Any]:
    value = "" if option["value"] is None else str(option["value"])
    return value, _attrs(option["attrs"]), option["label"]


class QuickSelect(forms.Select):
    """`forms.Select`, rendered without a template per option."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [
            format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))
        ]
        for group_name, options, _index in widget["optgroups"]:
            rows = format_html_join(
                "", '\n  <option value="{}"{}>{}</option>', map(_option, options)
            )
            if group_name:
                rows = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rows)
            parts.append(rows)
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped by format_html
