"""The areas served by the Brussels directory's services, from `data/brussels_areas.yaml`.

The file maps each service key of `brussels.yaml` to its areas: `brussels`, `flanders`,
`wallonia`, a NIS code, or a municipality's name; a service it does not list gets its `default`.
`load-brussels` checks it with the rest (`problems`) and writes the areas (`apply`): a
service without areas gets the file's; one that has areas keeps them (an editor may have
set them) unless the load updates, and then only a difference is written, with its history.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from django.utils.translation import gettext as _

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record
from perinatal.core.municipalities import find_place

from .areas import UnknownArea, areas_clean, service_areas_set
from .models import Service

AREAS_FILE = Path(__file__).parent / "data" / "brussels_areas.yaml"
REGION_WORDS = {"brussels": "04000", "flanders": "02000", "wallonia": "03000"}


def read_areas(path: Path = AREAS_FILE) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _codes(values: Any) -> list[str]:
    """The NIS codes of a list of area words, codes or names (raises UnknownArea)."""
    if not isinstance(values, list) or not values:
        raise UnknownArea(str(values))
    codes = []
    for value in values:
        text = str(value).strip()
        if text in REGION_WORDS:
            codes.append(REGION_WORDS[text])
        elif text.isdigit():
            codes.append(text)
        else:
            found = find_place(text)
            if len(found) != 1:
                raise UnknownArea(text)
            codes.append(found[0].nis)
    return areas_clean(codes)


def problems(areas: Any, service_keys: Iterable[str]) -> list[str]:
    """Every problem of the areas file, naming the service key."""
    if not isinstance(areas, dict) or not isinstance(areas.get("areas"), dict):
        return [_("the areas file must hold a mapping “areas” from service keys to areas")]
    found: list[str] = []
    keys = set(service_keys)
    entries = {"default": areas.get("default"), **areas["areas"]}
    for key, values in entries.items():
        if key != "default" and key not in keys:
            continue  # another file's service (a key nobody has is caught by a test)
        try:
            _codes(values)
        except UnknownArea as exc:
            found.append(
                _("areas of “%(key)s”: “%(value)s” is no region, province or municipality")
                % {"key": key, "value": exc.code}
            )
    return found


def apply(
    areas: dict, services: Iterable[Service], *, update: bool, created: set, actor=None
) -> list:
    """Write the file's areas onto these services; returns the ids of those that changed. The
    change is recorded for services that existed before (`created` have their creation)."""
    default = _codes(areas["default"])
    changed = []
    for service in services:
        wanted = _codes(areas["areas"][service.key]) if service.key in areas["areas"] else default
        have = sorted(service.areas.values_list("nis", flat=True))
        if have and not update:
            continue
        if not service_areas_set(service=service, codes=wanted):
            continue
        if service.id not in created:
            change_record(
                actor=actor,
                action=ChangeAction.UPDATE,
                instance=service,
                changes={"areas": [have, sorted(wanted)]},
                reason="load-brussels" + (" --update" if update else ""),
            )
        changed.append(service.id)
    return changed
