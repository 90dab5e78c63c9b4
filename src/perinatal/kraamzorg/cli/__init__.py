"""The subcommands of `perinatal kraamzorg` (see management/commands/kraamzorg.py)."""
