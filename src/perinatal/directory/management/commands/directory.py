"""`perinatal directory SUBCOMMAND …`: the directory's own commands. Each subcommand lives
in `perinatal/directory/cli/<name>.py` (see `perinatal.core.subcommands`).
"""

from perinatal.core.subcommands import SubcommandDispatcher


class Command(SubcommandDispatcher):
    help = "The service directory: load, search, import and export."
    package = "perinatal.directory.cli"
    subcommands = {
        "load-brussels": "load_brussels",
        "load-synonyms": "load_synonyms",
        "search": "search",
        "export-hsds": "export_hsds",
        "import-hsds": "import_hsds",
        "export-fhir": "export_fhir",
        "stale": "stale",
    }
