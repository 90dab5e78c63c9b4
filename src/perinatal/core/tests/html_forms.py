"""What a browser would submit for a form on a page, for round-trip tests of edit forms.

`submitted(html, action=...)` reads the form's fields as the page shows them (text inputs,
text areas, the checked boxes and radios, the selected options) and returns the pairs a
browser posts when the person presses save without touching anything.
"""

from html.parser import HTMLParser

_SKIPPED_TYPES = {"submit", "button", "reset", "file", "image"}


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None, action: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.action = form_id, action
        self.in_form = False
        self.forms_seen = 0
        self.pairs: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []
        self._in_option = False

    def _wanted(self, attrs: dict) -> bool:
        if self.form_id is not None:
            return attrs.get("id") == self.form_id
        if self.action is not None:
            return (attrs.get("action") or "") == self.action
        return True

    def handle_starttag(self, tag: str, attrs_list) -> None:
        attrs = {k: (v if v is not None else "") for k, v in attrs_list}
        if tag == "form":
            if not self.forms_seen and self._wanted(attrs):
                self.in_form = True
            return
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in _SKIPPED_TYPES:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value", "on")))
                return
            self.pairs.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._options = name, []
            self._select_multiple = "multiple" in attrs
        elif tag == "option" and self._select is not None:
            self._in_option = True
            self._option_value = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        if self._in_option:
            self._option_text.append(data)

    def _close_option(self) -> None:
        if self._in_option:
            value = self._option_value
            if value is None:
                value = "".join(self._option_text).strip()
            self._options.append((value, self._option_selected))
            self._in_option = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.in_form:
            self.in_form = False
            self.forms_seen += 1
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # Browsers drop one newline right after <textarea>.
            self.pairs.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            chosen = [value for value, selected in self._options if selected]
            if not chosen and self._options and not self._select_multiple:
                chosen = [self._options[0][0]]
            self.pairs.extend((self._select, value) for value in chosen)
            self._select = None


def submitted(html: str, *, form_id: str | None = None, action: str | None = None) -> list:
    """The (name, value) pairs the first matching form on `html` posts unchanged."""
    reader = _FormReader(form_id, action)
    reader.feed(html)
    reader.close()
    if not reader.forms_seen:
        raise AssertionError(f"no form (id={form_id!r}, action={action!r}) on the page")
    return reader.pairs


def as_post_data(pairs: list) -> dict[str, list[str]]:
    """Pairs → the dict-of-lists Django's test client posts as repeated fields."""
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
