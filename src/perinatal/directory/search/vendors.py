"""The search backend of the database in use (`backends.PostgresBackend`,
`sqlite_backend.SqliteBackend`). Apart from both, so that neither imports the other back."""

from django.db import connection

from .backends import Backend, PostgresBackend
from .sqlite_backend import SqliteBackend


def for_connection() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(connection.vendor)
