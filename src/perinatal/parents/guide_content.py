"""The content of the practical guide: the steps of `data/guide.yaml`, read and checked once.

`problems(data)` lists what is wrong with the file's data (a step without its three languages,
a source, a valid timing, a known tracking or directory filter); `steps()` reads the file and
fails loudly on any problem, so a broken file stops the page at once, and the content test
(`tests/test_guide_content.py`) names every problem.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from perinatal.directory.constants import Need, Phase

from .guide import Point, Timing

DATA_FILE = Path(__file__).with_name("data") / "guide.yaml"
LANGUAGES = ("nl", "fr", "en")
TRACKED = ("start_conversation", "screening", "kraamzorg_request", "kindboekje")
LINKS = ("kraamzorg_ask", "kindboekje_order")
POINT_KEYS = {
    "pregnancy_week": (1, 42),
    "after_birth_days": (0, 1000),
    "after_birth_months": (0, 36),
}
DEFAULT_SERVICES = 3


class GuideContentError(ValueError):
    """The guide's data file does not hold what the page needs."""


@dataclass(frozen=True)
class ServicesWanted:
    """The directory's search for the services that help with a step."""

    needs: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    programme: bool = False
    text: dict[str, str] = field(default_factory=dict)  # words per language
    limit: int = DEFAULT_SERVICES


@dataclass(frozen=True)
class Step:
    key: str
    title: dict[str, str]
    text: dict[str, str]
    timing: Timing
    source: str
    services: ServicesWanted
    tracked: str = ""
    general_knowledge: str = ""
    links: tuple[str, ...] = ()

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title["nl"]

    def text_in(self, lang: str) -> str:
        return self.text.get(lang) or self.text["nl"]


def _point_problems(where: str, point: Any) -> list[str]:
    if not isinstance(point, dict):
        return [f"{where}: not a point"]
    keys = [k for k in point if k != "deadline"]
    if len(keys) != 1 or keys[0] not in POINT_KEYS:
        return [f"{where}: one of {', '.join(POINT_KEYS)} expected, got {keys}"]
    low, high = POINT_KEYS[keys[0]]
    value = point[keys[0]]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        return [f"{where}: {keys[0]} must be a whole number from {low} to {high}"]
    return []


def _order(point: dict) -> tuple[int, int]:
    """Points in time order: the pregnancy's weeks, then days and months after the birth."""
    if "pregnancy_week" in point:
        return (0, point["pregnancy_week"] * 7)
    if "after_birth_days" in point:
        return (1, point["after_birth_days"])
    return (1, point["after_birth_months"] * 30)


def _step_problems(step: Any, index: int) -> list[str]:  # noqa: C901 (one check per field)
    if not isinstance(step, dict):
        return [f"step {index}: not a mapping"]
    where = f"step {step.get('key') or index}"
    found = []
    if not step.get("key"):
        found.append(f"{where}: no key")
    for name in ("title", "text"):
        texts = step.get(name) or {}
        for lang in LANGUAGES:
            if not isinstance(texts, dict) or not str(texts.get(lang) or "").strip():
                found.append(f"{where}: no {name} in {lang}")
    if not str(step.get("source") or "").strip().startswith("seed 00"):
        found.append(f"{where}: no source (a seed and its section)")
    when = step.get("when")
    if not isinstance(when, dict) or not (when.get("start") or when.get("end")):
        found.append(f"{where}: no timing (when: start and/or end)")
    else:
        for name in ("start", "end"):
            if when.get(name) is not None:
                found += _point_problems(f"{where} {name}", when[name])
        start, end = when.get("start"), when.get("end")
        if not found and start and end and _order(start) > _order(end):
            found.append(f"{where}: ends before it starts")
        if end and not isinstance(end.get("deadline", False), bool):
            found.append(f"{where}: deadline must be true or false")
    if step.get("tracked") and step["tracked"] not in TRACKED:
        found.append(f"{where}: tracked must be one of {', '.join(TRACKED)}")
    for link in step.get("links") or ():
        if link not in LINKS:
            found.append(f"{where}: unknown link {link}")
    services = step.get("services")
    if not isinstance(services, dict) or not (
        services.get("needs") or services.get("phases") or services.get("programme")
    ):
        found.append(f"{where}: no services (needs, phases or programme)")
    else:
        found += [
            f"{where}: unknown need {n}" for n in services.get("needs") or () if n not in Need
        ]
        found += [
            f"{where}: unknown phase {p}" for p in services.get("phases") or () if p not in Phase
        ]
        limit = services.get("limit", DEFAULT_SERVICES)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 6:
            found.append(f"{where}: limit must be a whole number from 1 to 6")
    return found


def problems(data: Any) -> list[str]:
    """Everything wrong with the guide's data (empty when the page can use it)."""
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or not data["steps"]:
        return ["the file has no steps"]
    found = []
    for index, step in enumerate(data["steps"]):
        found += _step_problems(step, index)
    keys = [str(s.get("key")) for s in data["steps"] if isinstance(s, dict)]
    found += [f"step {k}: key used twice" for k in sorted({k for k in keys if keys.count(k) > 1})]
    return found


def _point(raw: dict | None) -> Point | None:
    if not raw:
        return None
    return Point(**{k: v for k, v in raw.items() if k != "deadline"})


def _step(raw: dict) -> Step:
    when, services = raw["when"], raw["services"]
    return Step(
        key=raw["key"],
        title={lang: " ".join(raw["title"][lang].split()) for lang in LANGUAGES},
        text={lang: " ".join(raw["text"][lang].split()) for lang in LANGUAGES},
        timing=Timing(
            start=_point(when.get("start")),
            end=_point(when.get("end")),
            deadline=bool((when.get("end") or {}).get("deadline", False)),
        ),
        source=raw["source"],
        services=ServicesWanted(
            needs=tuple(services.get("needs") or ()),
            phases=tuple(services.get("phases") or ()),
            programme=bool(services.get("programme", False)),
            text=dict(services.get("text") or {}),
            limit=int(services.get("limit", DEFAULT_SERVICES)),
        ),
        tracked=raw.get("tracked") or "",
        general_knowledge=raw.get("general_knowledge") or "",
        links=tuple(raw.get("links") or ()),
    )


def read(path: Path = DATA_FILE) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def steps() -> tuple[Step, ...]:
    """The guide's steps in the file's order (time order)."""
    data = read()
    found = problems(data)
    if found:
        raise GuideContentError("; ".join(found))
    return tuple(_step(raw) for raw in data["steps"])
