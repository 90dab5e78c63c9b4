"""Reading a page as a reader sees it: the sections of the main content, each with its
heading and the text under it."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Section:
    heading: str = ""
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections: list[Section] = []
        self.depth = 0  # <section> nesting inside the article
        self.in_heading = False
        self.link: str | None = None
        self.link_text = ""
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section":
            self.depth += 1
            if self.depth == 1:
                self.sections.append(Section())
        elif self.depth and tag == "h2":
            self.in_heading = True
        elif self.depth and tag == "a":
            self.link, self.link_text = attributes.get("href") or "", ""
        if self.hidden or "visually-hidden" in (attributes.get("class") or ""):
            self.hidden += 1 if tag not in ("br", "input", "img") else 0

    def handle_endtag(self, tag):
        if self.hidden:
            self.hidden -= 1
        if tag == "section":
            self.depth -= 1
        elif tag == "h2":
            self.in_heading = False
        elif tag == "a" and self.link is not None and self.sections:
            self.sections[-1].links.append((self.link, " ".join(self.link_text.split())))
            self.link = None

    def handle_data(self, data):
        if not self.depth or not self.sections or self.hidden:
            return
        section = self.sections[-1]
        if self.in_heading:
            section.heading += data
        else:
            section.text += data
        if self.link is not None:
            self.link_text += data


def sections_of(html: str, start: str = "<article", end: str = "</article>") -> list[Section]:
    """The sections between `start` and `end`, their texts with spaces collapsed."""
    part = html[html.index(start) : html.index(end, html.index(start))]
    parser = _Sections()
    parser.feed(part)
    for section in parser.sections:
        section.heading = " ".join(section.heading.split())
        section.text = " ".join(section.text.split())
    return parser.sections
