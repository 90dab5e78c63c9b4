"""`perinatal keys SUBCOMMAND …`: the national number's keys. `perinatal keys rotate
[--dry-run] [--batch-size 500]` re-encrypts every stored national number under the newest key
(pathways/cli/keys_rotate.py; see docs/deploy.md "Keys: backup and rotation")."""

from perinatal.core.subcommands import SubcommandDispatcher


class Command(SubcommandDispatcher):
    help = "The national number's keys: re-encrypt every stored copy under the newest key."
    package = "perinatal.pathways.cli"
    subcommands = {"rotate": "keys_rotate"}
