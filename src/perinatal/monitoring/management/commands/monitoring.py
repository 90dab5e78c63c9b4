"""`perinatal monitoring SUBCOMMAND …`: import submissions, close or reopen a work year, the
kraamzorg report, the demo submissions. Each subcommand lives in
`perinatal/monitoring/cli/<name>.py` (see `perinatal.core.subcommands`)."""

from perinatal.core.subcommands import SubcommandDispatcher


class Command(SubcommandDispatcher):
    help = "Central monitoring: submissions of the family-care services, work years, reports."
    package = "perinatal.monitoring.cli"
    subcommands = {
        "import": "import_files",
        "close": "close",
        "reopen": "reopen",
        "report": "report",
        "seed-demo": "seed_demo",
    }
