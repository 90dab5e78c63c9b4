"""`perinatal tokens create USERNAME --name NAME [--days 90]`, `perinatal tokens list
[USERNAME]`, `perinatal tokens revoke ID_OR_PREFIX` (see accounts/tokens.py).

The token is printed once, on creation; only its digest is stored."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from perinatal.accounts import tokens
from perinatal.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "API tokens of professional accounts: create, list, revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Make a token and print it (once).")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="Where the token is used.")
        create.add_argument("--days", type=int, default=tokens.DEFAULT_DAYS)
        listing = sub.add_parser("list", help="List tokens (never the tokens themselves).")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="Revoke a token by its id or its prefix.")
        revoke.add_argument("token", help="The id shown by `list`, or the visible prefix.")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"_{action}")(**options)

    def _user(self, username: str) -> User:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"No user {username!r}.") from exc

    def _create(self, *, username: str, name: str, days: int, **options) -> None:
        user = self._user(username)
        try:
            record, token = tokens.token_create(
                user=user, name=name, days=days, reason="command line"
            )
        except tokens.TokenRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"Token {record.public_id} for {username}, valid until "
            f"{record.expires_at:%Y-%m-%d %H:%M}. It is shown only now:"
        )
        self.stdout.write(token)

    def _list(self, *, username: str | None = None, **options) -> None:
        found = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            found = found.filter(user=self._user(username))
        for token in found:
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.public_id}  {token.prefix}…  {token.user.username}  "
                f"{tokens.state_of(token)}  until {token.expires_at:%Y-%m-%d}  "
                f"last used {used}  {token.name}"
            )

    def _revoke(self, *, token: str, **options) -> None:
        try:
            record = tokens.token_find(token)
        except ApiToken.DoesNotExist as exc:
            raise CommandError(f"No single token matches {token!r}.") from exc
        tokens.token_revoke(token=record, by=None, reason="command line")
        self.stdout.write(f"Revoked {record.public_id} ({record.name}) of {record.user.username}.")
