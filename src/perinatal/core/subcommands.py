"""One management command with subcommands, each in a module of its own.

A command sets `package` (where the modules live) and `subcommands` ({name: module}); each
module has `HELP`, `add_arguments(parser)` and `run(options, out) -> None`. A `CommandError`
raised there is shown to the user as a clear message with exit code 1.
"""

import importlib
from types import ModuleType

from django.core.management.base import BaseCommand, CommandParser


class SubcommandDispatcher(BaseCommand):
    package: str = ""
    subcommands: dict[str, str] = {}

    def _module(self, name: str) -> ModuleType:
        return importlib.import_module(f"{self.package}.{self.subcommands[name]}")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=CommandParser)
        for name in self.subcommands:
            module = self._module(name)
            sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
            module.add_arguments(sub_parser)

    def handle(self, *args: object, **options: object) -> None:
        self._module(str(options["subcommand"])).run(options, self.stdout)
