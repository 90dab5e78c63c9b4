"""A chart's SVG (`charts.trend_chart(…, "svg")`) made fit to be embedded in a page under the
site's Content Security Policy (`style-src 'self'`: no `style` attribute, no `<style>`
element) and beside other charts:

- every `style="fill: …; stroke: …"` becomes the same SVG presentation attributes
  (`fill="…" stroke="…"`), which CSP does not govern; matplotlib's one style rule
  (`*{stroke-linejoin: round; stroke-linecap: butt}`) becomes attributes of the root, which
  every element inherits unless it sets its own (as the rule and the style attributes did);
- every id gets the chart's prefix (and so every reference to it), so that three charts in
  one page do not share ids (`figure_1`, `axes_1`, the clip paths);
- the XML declaration, the DOCTYPE and the metadata go; the root keeps its `viewBox` but not
  its fixed size (it takes the width of its container) and gets `role="img"` and the id of
  its caption (`aria-labelledby`).

The picture stays the one the PDF shows (the same matplotlib figure).
"""

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_STYLE_ELEMENT = re.compile(r"\s*<style[^>]*>(.*?)</style>", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_ROOT = re.compile(r"<svg\b([^>]*)>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_ID = re.compile(r'\sid="([^"]+)"')
_PROPERTY = re.compile(r"^[a-z-]+$")
_RULE = re.compile(r"\*\s*\{([^}]*)\}")


def _attributes(declarations: str) -> str:
    """`fill: #fff; stroke: #000` → ` fill="#fff" stroke="#000"` (escaped)."""
    out = []
    for declaration in declarations.split(";"):
        name, _colon, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name and value and _PROPERTY.match(name):
            out.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(out)


def inline_svg(svg: bytes | str, *, prefix: str, labelled_by: str = "") -> SafeString:
    """The chart as markup for a page (see the module); `prefix` makes its ids unique in the
    page, `labelled_by` is the id of the element that names it (its caption)."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _PROLOGUE.sub("", text, count=1)
    text = _METADATA.sub("", text)
    inherited = ""
    style = _STYLE_ELEMENT.search(text)
    if style:
        rule = _RULE.search(style.group(1))
        inherited = _attributes(rule.group(1)) if rule else ""
        text = _STYLE_ELEMENT.sub("", text)
    text = re.sub(r"\s*<defs>\s*</defs>", "", text)
    text = _STYLE_ATTRIBUTE.sub(lambda match: _attributes(match.group(1)), text)
    for found in sorted(set(_ID.findall(text)), key=len, reverse=True):
        new = f"{prefix}{found}"
        text = text.replace(f'id="{found}"', f'id="{new}"')
        text = text.replace(f"url(#{found})", f"url(#{new})")
        text = text.replace(f'href="#{found}"', f'href="#{new}"')
    label = f' aria-labelledby="{escape(labelled_by, quote=True)}"' if labelled_by else ""

    def root(match: re.Match) -> str:
        kept = _SIZE.sub("", match.group(1))
        return f'<svg{kept} role="img" focusable="false"{label}{inherited}>'

    text = _ROOT.sub(root, text, count=1)
    return mark_safe(text.strip())  # noqa: S308 - our own chart, text escaped by matplotlib
