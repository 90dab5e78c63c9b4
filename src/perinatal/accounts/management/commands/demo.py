"""`perinatal demo seed` and `perinatal demo totp USERNAME` (see accounts/demo.py)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perinatal.accounts import demo
from perinatal.accounts.models import User


class Command(BaseCommand):
    help = "Demo organisations and users (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("seed", help="Create the demo organisations and users (idempotent).")
        totp = sub.add_parser("totp", help="Print the current 6-digit code of a demo user.")
        totp.add_argument("username")

    def handle(self, *args, action: str, **options) -> None:
        try:
            if action == "seed":
                self._seed()
            else:
                self._totp(options["username"])
        except demo.DemoDataNotAllowed as exc:
            raise CommandError(str(exc)) from exc

    def _seed(self) -> None:
        logins = demo.demo_seed()
        width = max(len(login.username) for login in logins)
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {demo.DEMO_PASSWORD})")
        )
        self.stdout.write(f"  {'user name'.ljust(width)}  2FA  role — organisation")
        for login in logins:
            organisation = f" — {login.organisation}" if login.organisation else ""
            two_factor = "yes" if login.two_factor else "no "
            self.stdout.write(
                f"  {login.username.ljust(width)}  {two_factor}  {login.role}{organisation}"
            )
        self.stdout.write(
            "Second factor for the professionals: run `perinatal demo totp USERNAME` for the "
            "current code, or add this secret to an authenticator app (TOTP, 6 digits, 30 s): "
            f"{demo.DEMO_TOTP_SECRET}"
        )

    def _totp(self, username: str) -> None:
        try:
            self.stdout.write(demo.demo_totp_code(username))
        except (User.DoesNotExist, demo.TOTPDevice.DoesNotExist) as exc:
            raise CommandError(
                f"{username} is not a demo user with a demo device; run `perinatal demo seed`."
            ) from exc
