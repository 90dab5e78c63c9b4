"""The database-level guard that makes the change log insert-only.

Triggers refuse UPDATE and DELETE on the audit table (PostgreSQL and SQLite). The migration
installs them; `set_insert_only(connection, False)` exists only so that a test database can be
emptied between transactional tests (Django's flush deletes every row).
"""

TABLE = "audit_changeevent"
# Every table the guard protects (the tests lift it on all of them for their flush).
GUARDED_TABLES = ("audit_changeevent", "audit_accessevent")

_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION perinatal_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table %% is insert-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _postgres(table: str, enabled: bool) -> list[str]:
    if not enabled:
        return [f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table};"]
    return [
        _POSTGRES_FUNCTION,
        f"""CREATE OR REPLACE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION perinatal_refuse_change();""",
    ]


def _sqlite(table: str, enabled: bool) -> list[str]:
    if not enabled:
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_update;",
            f"DROP TRIGGER IF EXISTS {table}_no_delete;",
        ]
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'table {table} is insert-only'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, 'table {table} is insert-only'); END;""",
    ]


def statements(vendor: str, enabled: bool, table: str = TABLE) -> list[str]:
    if vendor == "postgresql":
        return _postgres(table, enabled)
    if vendor == "sqlite":
        return _sqlite(table, enabled)
    return []


def set_insert_only(connection, enabled: bool, tables: tuple[str, ...] = GUARDED_TABLES) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            for statement in statements(connection.vendor, enabled, table):
                cursor.execute(statement.replace("%%", "%"))
