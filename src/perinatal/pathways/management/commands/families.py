"""`perinatal families SUBCOMMAND …`: retention and requests of families, and the screening
catalogue.

Each subcommand lives in `perinatal/pathways/cli/<name>.py` with `HELP`,
`add_arguments(parser)` and `run(options, out) -> None`; a `CommandError` there is shown
to the user as a clear message and exit code 1 (nothing changed).
"""

import importlib

from django.core.management.base import BaseCommand, CommandParser

SUBCOMMANDS = {
    "purge": "purge",
    "export": "export",
    "accesses": "accesses",
    "load-catalogue": "load_catalogue",
}


def _module(name: str):
    return importlib.import_module(f"perinatal.pathways.cli.{SUBCOMMANDS[name]}")


class Command(BaseCommand):
    help = "Families: pseudonymise after the retention period, export a record, list accesses."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=CommandParser)
        for name in SUBCOMMANDS:
            module = _module(name)
            sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
            module.add_arguments(sub_parser)

    def handle(self, *args: object, **options: object) -> None:
        _module(str(options["subcommand"])).run(options, self.stdout)
