"""The subcommands of `perinatal families` (see management/commands/families.py)."""
