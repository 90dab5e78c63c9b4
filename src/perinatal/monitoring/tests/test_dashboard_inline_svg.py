"""A chart's SVG made fit for the page (monitoring/reports/inline_svg.py): no style attribute or
element left (the page's CSP is `style-src 'self'`), the same styling as presentation
attributes, ids prefixed (and their references), no prologue or metadata, a fixed size
replaced by the container's width, the chart named by its caption."""

import re
from decimal import Decimal

import pytest

from django.utils import translation

from ..constants import REPORT_AREA_CODES
from ..reports.charts import DASHBOARD_CHARTS, trend_chart
from ..reports.inline_svg import inline_svg

SAMPLE = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="576pt" height="324pt" viewBox="0 0 576 324" xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata><dc:title>perinatal</dc:title></metadata>
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
 </defs>
 <g id="figure_1">
  <path d="M 0 0" clip-path="url(#p1)" style="fill: none; stroke: #0072b2; stroke-width: 1.8"/>
  <defs><path id="m1" d="M 0 2" style="stroke: #0072b2"/></defs>
  <use xlink:href="#m1" x="1" y="2" style="fill: #0072b2; stroke: #0072b2"/>
  <text style="font-size: 10px; font-family: 'DejaVu Sans'; text-anchor: end" x="4">Uren &amp; dossiers</text>
 </g>
 <defs><clipPath id="p1"><rect x="0" y="0" width="5" height="5"/></clipPath></defs>
</svg>
"""


def test_styles_become_presentation_attributes_and_ids_get_the_prefix():
    out = str(inline_svg(SAMPLE, prefix="c1-", labelled_by="cap"))
    assert out.startswith("<svg ") and out.endswith("</svg>")
    assert "<?xml" not in out and "DOCTYPE" not in out and "metadata" not in out
    assert "style" not in out
    root = re.match(r"<svg[^>]*>", out).group(0)
    assert 'viewBox="0 0 576 324"' in root and 'width="576pt"' not in root
    assert 'role="img"' in root and 'aria-labelledby="cap"' in root
    assert 'stroke-linejoin="round" stroke-linecap="butt"' in root  # the one style rule
    assert 'fill="none" stroke="#0072b2" stroke-width="1.8"' in out
    assert """font-family="&#x27;DejaVu Sans&#x27;" text-anchor="end\"""" in out
    assert 'id="c1-figure_1"' in out and 'id="c1-m1"' in out and 'id="c1-p1"' in out
    assert 'clip-path="url(#c1-p1)"' in out and 'xlink:href="#c1-m1"' in out
    assert "Uren &amp; dossiers" in out  # text stays text, escaped


def _trend() -> dict:
    def report(year: int) -> dict:
        def row(nis):
            return {
                "province": nis,
                "nis": nis,
                "dossiers": 30,
                "families": 30,
                "hours": Decimal(300 + year - 2015),
                "avg_hours_per_dossier": Decimal(10),
                "avg_hours_per_family": Decimal(10),
                "services": 2,
            }

        return {
            "year": year,
            "provinces": [row(nis) for nis in REPORT_AREA_CODES],
            "total": row(None),
            "family_care": {"dossiers": 300, "families": 290, "newborn_dossier_share_pct": 60},
        }

    return {"years": [report(2015), report(2016)]}


@pytest.mark.parametrize("kind", DASHBOARD_CHARTS)
def test_every_dashboard_chart_comes_out_without_styles_and_with_its_texts(kind):
    with translation.override("nl"):
        out = str(inline_svg(trend_chart(_trend(), kind, "svg"), prefix=f"{kind}-"))
    assert "style" not in out
    assert out.count("<svg") == 1
    ids = re.findall(r'\sid="([^"]+)"', out)
    assert ids and all(name.startswith(f"{kind}-") for name in ids)
    references = re.findall(r'(?:url\(#|href="#)([^)"]+)', out)
    assert references and set(references) <= set(ids)
    assert "2016" in out
