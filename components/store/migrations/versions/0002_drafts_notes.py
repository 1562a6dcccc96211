"""Drafts and notes; the audit log made append-only in the database itself.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    tz = sa.DateTime(timezone=True)
    op.create_table(
        "drafts",
        sa.Column("draft_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(512), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("proposal", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("result", sa.String(600), nullable=False),
        sa.Column("row_version", sa.Integer, nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("decided_at", tz, nullable=True),
    )
    op.create_table(
        "notes",
        sa.Column("note_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(512), nullable=False, index=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("notes.note_id"), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", tz, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
    )
    # Append-only: the database refuses to change or delete an audit row, whoever asks.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION factionline_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION factionline_audit_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_no_{verb.lower()} BEFORE {verb} ON audit "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
