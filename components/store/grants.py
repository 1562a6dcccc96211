"""The PostgreSQL grants of the app's role: everything it needs, and on the audit log only SELECT and
INSERT. The tables belong to another role (the one that runs the migrations); an owner could always
TRUNCATE its table or disable its trigger, so the app must not be the owner (docs/security.md)."""

from __future__ import annotations

from sqlalchemy import Connection, text

WORKING = ("records", "table_columns", "documents", "versions", "version_files", "drafts", "notes", "accounts")


def grant(connection: Connection, role: str) -> None:
    quoted = connection.dialect.identifier_preparer.quote(role)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(WORKING)} TO {quoted}",
        f"GRANT SELECT ON alembic_version TO {quoted}",
        f"REVOKE ALL ON audit FROM {quoted}",
        f"GRANT SELECT, INSERT ON audit TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
    ]
    for statement in statements:
        connection.execute(text(statement))
