"""Every command of the project and every subcommand answers `--help` (issue 17: a lazy
translation handed to argparse made `perinatal directory import-hsds --help` crash), in each
language."""

import contextlib
import io

import pytest

from django.core.management import get_commands, load_command_class
from django.utils import translation

from perinatal.core.subcommands import SubcommandDispatcher

COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("perinatal"))


def help_of(*argv: str) -> str:
    """The text `perinatal ARGV --help` prints (argparse exits 0 after it)."""
    command = load_command_class(get_commands()[argv[0]], argv[0])
    parser = command.create_parser("perinatal", argv[0])
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        parser.parse_args([*argv[1:], "--help"])
    assert exited.value.code == 0, argv
    return out.getvalue()


def every_subcommand() -> list[tuple[str, str]]:
    found = []
    for name in COMMANDS:
        command = load_command_class(get_commands()[name], name)
        if isinstance(command, SubcommandDispatcher):
            found += [(name, sub) for sub in command.subcommands]
    return found


def test_the_project_has_subcommands_to_check():
    assert ("directory", "import-hsds") in every_subcommand()
    assert len(every_subcommand()) > 10


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_answers_help(name, language):
    with translation.override(language):
        assert "usage:" in help_of(name)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("name", "sub"), every_subcommand())
def test_every_subcommand_answers_help(name, sub, language):
    with translation.override(language):
        text = help_of(name, sub)
    assert f"{name} {sub}" in text
