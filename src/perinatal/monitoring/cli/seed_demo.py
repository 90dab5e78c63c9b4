"""`perinatal monitoring seed-demo`: the demo submissions 2012–2016 (development only)."""

from django.core.management.base import CommandError

from perinatal.accounts.demo import DemoDataNotAllowed

from ..demo import monitoring_demo_seed

HELP = "Demo submissions 2012-2016 matching the published figures (never in production)."


def add_arguments(parser) -> None:
    pass


def run(options, out) -> None:
    try:
        for line in monitoring_demo_seed():
            out.write(line)
    except DemoDataNotAllowed as exc:
        raise CommandError(str(exc)) from exc
