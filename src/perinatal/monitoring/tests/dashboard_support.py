"""Figures for the dashboard and report-command tests: two work years imported through the
real import (2015 and 2016, received on 1 March of the next year), small enough to show
publication mode at work: Limburg has 3 families in 2016 (withheld, with a complement)."""

from html.parser import HTMLParser

from .builders import at, import_rows, row

ANTWERPEN, LIMBURG, OOST_VLAANDEREN = "10000", "70000", "40000"
# (year, province) -> newborn families (one dossier each, 10 hours each)
FAMILIES = {
    (2015, ANTWERPEN): 28,
    (2015, LIMBURG): 22,
    (2015, OOST_VLAANDEREN): 25,
    (2016, ANTWERPEN): 30,
    (2016, LIMBURG): 3,
    (2016, OOST_VLAANDEREN): 25,
}
OTHER_FAMILY_CARE = 40  # dossiers not marked newborn, per year


def seed_two_years() -> None:
    for year in (2015, 2016):
        rows = []
        for (work_year, province), families in FAMILIES.items():
            if work_year != year:
                continue
            rows += [
                row(
                    work_year=year,
                    province=province,
                    family_id=f"F{year}-{province}-{n}",
                    hours="10",
                )
                for n in range(families)
            ]
        rows += [
            row(work_year=year, newborn="0", family_id=f"O{year}-{n}", hours="4")
            for n in range(OTHER_FAMILY_CARE)
        ]
        import_rows(rows, now=at(f"{year + 1}-03-01 09:00"), name=f"demo-{year}.csv")


class _Rows(HTMLParser):
    """The rows (`data-row`) of the page's tables of a class: {key: [cell texts]}."""

    def __init__(self, table_class: str):
        super().__init__()
        self.table_class, self.depth, self.rows, self.key, self.cell = (
            table_class,
            0,
            {},
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            inside = self.depth > 0 or self.table_class in (attrs.get("class") or "").split()
            self.depth += 1 if inside else 0
        elif self.depth and tag == "tr" and "data-row" in attrs:
            self.key = attrs["data-row"].removeprefix("provinces.")
            self.rows[self.key] = []
        elif self.depth and self.key and tag == "td":
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif tag == "td" and self.cell is not None:
            self.rows[self.key].append(self.cell.strip())
            self.cell = None
        elif tag == "tr":
            self.key = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table_rows(html: str, table_class: str) -> dict[str, list[str]]:
    parser = _Rows(table_class)
    parser.feed(html)
    return parser.rows
