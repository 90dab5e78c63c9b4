"""`perinatal families SUBCOMMAND …`: retention and requests of families, and the screening
catalogue. Each subcommand lives in `perinatal/pathways/cli/<name>.py` (see
`perinatal.core.subcommands`); nothing changes when one refuses its input.
"""

from perinatal.core.subcommands import SubcommandDispatcher


class Command(SubcommandDispatcher):
    help = "Families: pseudonymise after the retention period, export a record, list accesses."
    package = "perinatal.pathways.cli"
    subcommands = {
        "purge": "purge",
        "export": "export",
        "accesses": "accesses",
        "load-catalogue": "load_catalogue",
    }
