"""The first schema: the working copy, published versions and the audit log.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    tz = sa.DateTime(timezone=True)
    op.create_table(
        "records",
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(512), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", tz, nullable=False),
    )
    op.create_table(
        "table_columns",
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("columns", sa.Text, nullable=False),
    )
    op.create_table(
        "documents", sa.Column("path", sa.String(512), primary_key=True), sa.Column("content", sa.Text, nullable=False)
    )
    op.create_table(
        "versions",
        sa.Column("version_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False),
    )
    op.create_table(
        "version_files",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.version_id"), primary_key=True),
        sa.Column("path", sa.String(512), primary_key=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", tz, nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(600), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
