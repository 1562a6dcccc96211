"""The PostgreSQL grants of the app's role: what it needs and no more (least privilege).

- the working copy (records, columns, documents, drafts, notes), its sessions and the sign-in
  throttle: read and write;
- published versions (`versions`, `version_files`) and the audit log: only SELECT and INSERT — a
  published version and an audit entry are never changed (triggers refuse it too, migrations 0002, 0004);
- `accounts`: only SELECT — accounts are added, reset, disabled and given roles by the owner, through
  the command line (`factionline accounts …` with the owner's URL).

The tables belong to another role (the one that runs the migrations); an owner could always TRUNCATE its
table or disable its trigger, so the app must not be the owner (docs/security.md)."""

from __future__ import annotations

from sqlalchemy import Connection, text

WORKING = ("records", "table_columns", "documents", "drafts", "notes")
SIGN_IN = ("sessions", "throttle")  # added by migration 0004
APPEND_ONLY = ("versions", "version_files", "audit")
READ_ONLY = ("accounts",)


def grant(connection: Connection, role: str) -> None:
    quoted = connection.dialect.identifier_preparer.quote(role)
    have = set(
        connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
    )  # the tables of the revision being migrated (0003 grants before 0004 adds its own)
    read_write = [t for t in WORKING + SIGN_IN if t in have]
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(read_write)} TO {quoted}",
        f"GRANT SELECT ON alembic_version TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
    ]
    for table in APPEND_ONLY + READ_ONLY:
        if table in have:
            statements += [f"REVOKE ALL ON {table} FROM {quoted}", f"GRANT SELECT ON {table} TO {quoted}"]
            if table in APPEND_ONLY:
                statements.append(f"GRANT INSERT ON {table} TO {quoted}")
    for statement in statements:
        connection.execute(text(statement))
