"""The `perinatal` command: Django's management commands plus the project's own.

`perinatal migrate`, `perinatal directory search rouw`, `perinatal serve --prod` …
`DJANGO_SETTINGS_MODULE` defaults to the development settings; `DATABASE_URL` picks the database.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perinatal.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["perinatal", *sys.argv[1:]])


if __name__ == "__main__":
    main()
