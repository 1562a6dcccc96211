"""People's own accounts; on PostgreSQL, the app's role may only add to and read the audit log.

Revision ID: 0003
Revises: 0002

The grants: when FACTIONLINE_APP_ROLE names the role the app connects as (a role that does not own the
tables: the owner runs the migrations, `factionline store migrate`), that role may read and write the
working tables but only SELECT and INSERT on `audit`: it can neither TRUNCATE it, nor disable its
trigger, nor UPDATE or DELETE a row. `factionline store grant ROLE` applies the same grants later.
"""

import os

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    tz = sa.DateTime(timezone=True)
    op.create_table(
        "accounts",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("disabled_at", tz, nullable=True),
    )
    role = os.environ.get("FACTIONLINE_APP_ROLE", "").strip()
    if role and op.get_bind().dialect.name == "postgresql":
        from components.store.grants import grant

        grant(op.get_bind(), role)
