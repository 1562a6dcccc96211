"""Sessions and the sign-in throttle in the store; published versions and the audit log's times that the
app's role cannot rewrite.

Revision ID: 0004
Revises: 0003

- `sessions`: each signed-in browser's token as its SHA-256, ended by Sign out, a password reset,
  disabling the account, or its expiry (components/store/sessions.py).
- `throttle`: failed sign-ins per client and per account, counted in one step with the check.
- Published versions are append-only: a trigger refuses UPDATE and DELETE of `versions` and
  `version_files` (as for `audit`), and the app's role gets only SELECT and INSERT on them.
- On PostgreSQL an audit entry's time is the database's (`now()`), whatever the INSERT says.
- The app's role may only read `accounts` (the owner, through the command line, changes them).
"""

import os

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

APPEND_ONLY = ("versions", "version_files")


def upgrade() -> None:
    tz = sa.DateTime(timezone=True)
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("account", sa.String(200), nullable=False, index=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("expires_at", tz, nullable=False),
        sa.Column("ended_at", tz, nullable=True),
    )
    op.create_table(
        "throttle",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_at", sa.Float, nullable=False),
        sa.Column("wait_until", sa.Float, nullable=False),
        sa.Column("audited_at", sa.Float, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION factionline_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only: a published version never changes', TG_TABLE_NAME; END; "
            "$$ LANGUAGE plpgsql"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION factionline_append_only()"
            )
        # An audit entry is dated by the database: a back-dated INSERT gets the time it was made.
        op.execute(
            "CREATE FUNCTION factionline_audit_now() RETURNS trigger AS $$ "
            "BEGIN NEW.at := clock_timestamp(); RETURN NEW; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_dated_by_database BEFORE INSERT ON audit "
            "FOR EACH ROW EXECUTE FUNCTION factionline_audit_now()"
        )
    else:
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: a published version never changes'); END"
                )
    role = os.environ.get("FACTIONLINE_APP_ROLE", "").strip()
    if role and op.get_bind().dialect.name == "postgresql":
        from components.store.grants import grant

        grant(op.get_bind(), role)
