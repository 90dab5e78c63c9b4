"""One management command with subcommands, each in a module of its own.

A command sets `package` (where the modules live) and `subcommands` ({name: module}); each
module has `HELP`, `add_arguments(parser)` and `run(options, out) -> None`. A `CommandError`
raised there is shown to the user as a clear message with exit code 1.

Help texts may be lazy translations (`gettext_lazy` at module level, as the style asks):
argparse wants plain strings (its formatter runs a regular expression over them), so each
is made one, in the language of the moment, when the parser is built.
"""

import argparse
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
            sub_parser = sub.add_parser(name, help=str(module.HELP), description=str(module.HELP))
            module.add_arguments(sub_parser)
            plain_help_texts(sub_parser)

    def handle(self, *args: object, **options: object) -> None:
        self._module(str(options["subcommand"])).run(options, self.stdout)


def plain_help_texts(parser: argparse.ArgumentParser) -> None:
    """Every help text of `parser`'s arguments (and its description) as a plain string."""
    if parser.description is not None:
        parser.description = str(parser.description)
    for action in parser._actions:
        if action.help is not None and action.help is not argparse.SUPPRESS:
            action.help = str(action.help)
