"""`perinatal kraamzorg SUBCOMMAND …`: kraamzorg's commands. Each subcommand lives in
`perinatal/kraamzorg/cli/<name>.py` (see `perinatal.core.subcommands`)."""

from perinatal.core.subcommands import SubcommandDispatcher


class Command(SubcommandDispatcher):
    help = "Kraamzorg: write a service's yearly submission for the monitoring."
    package = "perinatal.kraamzorg.cli"
    subcommands = {"export-submission": "export_submission"}
