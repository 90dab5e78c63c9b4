"""`perinatal directory SUBCOMMAND …`: the directory's own commands.

Each subcommand lives in `perinatal/directory/cli/<name>.py` with `HELP`,
`add_arguments(parser)` and `run(options, out) -> None`; a `CommandError` there is shown
to the user as a clear message and exit code 1.
"""

import importlib

from django.core.management.base import BaseCommand, CommandParser

SUBCOMMANDS = {
    "load-brussels": "load_brussels",
    "search": "search",
    "export-hsds": "export_hsds",
    "import-hsds": "import_hsds",
    "export-fhir": "export_fhir",
    "stale": "stale",
}


def _module(name: str):
    return importlib.import_module(f"perinatal.directory.cli.{SUBCOMMANDS[name]}")


class Command(BaseCommand):
    help = "The service directory: load, search, import and export."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=CommandParser)
        for name in SUBCOMMANDS:
            try:
                module = _module(name)
            except ModuleNotFoundError:
                continue
            sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
            module.add_arguments(sub_parser)

    def handle(self, *args: object, **options: object) -> None:
        _module(str(options["subcommand"])).run(options, self.stdout)
