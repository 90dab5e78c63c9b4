"""The `perinatal` command: Django's management commands plus the project's own.

`perinatal migrate`, `perinatal directory search rouw`, `perinatal serve --prod` …
`DJANGO_SETTINGS_MODULE` defaults to the development settings; `DATABASE_URL` picks the database.
`perinatal --version` prints the installed package's version (not Django's).
"""

import os
import sys
from importlib.metadata import version


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # Before Django: its own `--version` would print Django's, and no settings are needed.
        print(f"perinatal {version('perinatal')}")
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perinatal.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["perinatal", *sys.argv[1:]])


if __name__ == "__main__":
    main()
