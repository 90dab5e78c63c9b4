"""`perinatal directory search TEXT [--lang nl|fr|en] [--phase P …] [--need N …] [--place P]
[--json]`.

The same search as the web page and the API (`selectors.services_search`). `--json` prints
`{"count": N, "results": [{"id", "name", "organization", "phases", "url"}, …]}` with names in
the chosen language; without it, a table for people.
"""

import json

from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from perinatal.core.municipalities import find_place

from ..areas import unknown_place_message
from ..constants import Need, Phase
from ..search.query import SearchQuery
from ..selectors import services_search

# argparse needs plain strings: the help texts stay in English, like Django's own.
HELP = "Search the directory: full text in one language, with filters."
LANGUAGES = ("nl", "fr", "en")


def add_arguments(parser) -> None:
    parser.add_argument("text", nargs="*", help="words to look for (may be empty)")
    parser.add_argument("--lang", choices=LANGUAGES, default="nl", help="language")
    parser.add_argument(
        "--phase",
        action="extend",
        nargs="+",
        default=[],
        metavar="PHASE",
        help="only services for any of these phases",
    )
    parser.add_argument(
        "--need",
        action="extend",
        nargs="+",
        default=[],
        metavar="NEED",
        help="only services for any of these needs",
    )
    parser.add_argument(
        "--spoken",
        action="extend",
        nargs="+",
        default=[],
        metavar="LANG",
        help="only services offered in any of these languages (ISO 639-1)",
    )
    parser.add_argument("--low-cost", action="store_true", help="free or social tariff only")
    parser.add_argument(
        "--programme",
        action="store_true",
        help="only services in the first-1000-days programme",
    )
    parser.add_argument(
        "--place",
        default="",
        help="only services that serve this postcode or municipality (Dutch or French name)",
    )
    parser.add_argument("--postcode", default="", help="deprecated: read as --place")
    parser.add_argument("--municipality", default="", help="deprecated: read as --place")
    parser.add_argument("--limit", type=int, default=20, help="results to show")
    parser.add_argument("--offset", type=int, default=0, help="results to skip")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _checked(values: list[str], allowed: list[str], message: str) -> tuple[str, ...]:
    for value in values:
        if value not in allowed:
            raise CommandError(message % {"value": value, "allowed": ", ".join(allowed)})
    return tuple(values)


def _places(options) -> tuple[str, ...]:
    codes: list[str] = []
    for name in ("place", "postcode", "municipality"):
        asked = (options.get(name) or "").strip()
        if asked:
            found = find_place(asked)
            if not found:
                raise CommandError(unknown_place_message(asked))
            codes += [m.nis for m in found]
    return tuple(dict.fromkeys(codes))


def run(options, out) -> None:
    lang = options["lang"]
    query = SearchQuery(
        text=" ".join(options["text"]),
        lang=lang,
        phases=_checked(
            options["phase"], Phase.values, _('Unknown phase "%(value)s"; choose from: %(allowed)s')
        ),
        needs=_checked(
            options["need"], Need.values, _('Unknown need "%(value)s"; choose from: %(allowed)s')
        ),
        languages=tuple(options["spoken"]),
        low_cost=options["low_cost"],
        programme=options["programme"],
        places=_places(options),
    )
    count, services = services_search(query, offset=options["offset"], limit=options["limit"])
    with translation.override(lang):
        results = [
            {
                "id": str(service.id),
                "name": service.name,
                "organization": service.organization.name,
                "phases": [term.code for term in service.phases.all()],
                "url": reverse("directory:service", kwargs={"service_id": service.id}),
            }
            for service in services
        ]
        if options["json"]:
            out.write(json.dumps({"count": count, "results": results}, ensure_ascii=False))
            return
        out.write(_("%(count)d services found.") % {"count": count})
        for number, result in enumerate(results, start=options["offset"] + 1):
            out.write(f"{number:>4}. {result['name']}")
            out.write(f"      {result['organization']} · {', '.join(result['phases']) or '-'}")
            out.write(f"      {result['url']}")
