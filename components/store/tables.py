"""The store's tables (SQLAlchemy Core). The migrations (migrations/versions) create them; these
definitions are what the queries use, and tests check that the two agree."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

# The working copy: one row per row of a curated table (events, quotes, actors …), its cells as JSON.
records = Table(
    "records",
    metadata,
    Column("table_name", String(64), primary_key=True),
    Column("key", String(512), primary_key=True),
    Column("position", Integer, nullable=False),  # the row's place in its table, so files round-trip
    Column("data", Text, nullable=False),  # {"column": "cell", …}: every cell a string, as in the files
    Column("row_version", Integer, nullable=False),  # bumped by every change: two editors cannot both win
    Column("updated_by", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
# Each table's columns in file order (extra columns kept).
table_columns = Table(
    "table_columns",
    metadata,
    Column("table_name", String(64), primary_key=True),
    Column("columns", Text, nullable=False),  # JSON list
)
# Every other file of a data directory: article texts (articles/…), CURATION.md, LICENSE.md.
documents = Table(
    "documents",
    metadata,
    Column("path", String(512), primary_key=True),
    Column("content", Text, nullable=False),
)
versions = Table(
    "versions",
    metadata,
    Column("version_id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("changes", Text, nullable=False),  # JSON: added / changed / removed ids per table
    Column("n_events", Integer, nullable=False),
)
version_files = Table(
    "version_files",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.version_id"), primary_key=True),
    Column("path", String(512), primary_key=True),
    Column("content", LargeBinary, nullable=False),  # gzip of the file's bytes
)
audit = Table(
    "audit",
    metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(600), nullable=False),
    Column("detail", Text, nullable=False),  # JSON
)
# Added by the second migration.
drafts = Table(
    "drafts",
    metadata,
    Column("draft_id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(512), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # event / quote / actor
    Column("proposal", Text, nullable=False),  # JSON: the drafting core's proposal, as edited by editors
    Column("status", String(16), nullable=False),  # proposed / accepted / rejected
    Column("result", String(600), nullable=False),  # what accepting made ("events:ev-…", "reports:…")
    Column("row_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decided_by", String(200), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=True),
)
notes = Table(
    "notes",
    metadata,
    Column("note_id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(16), nullable=False),  # event / report / quote
    Column("target_id", String(512), nullable=False, index=True),
    Column("parent_id", Integer, ForeignKey("notes.note_id"), nullable=True),
    Column("author", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("body", Text, nullable=False),
    Column("visibility", String(16), nullable=False),  # internal (editors) / public (viewers too)
)
# Added by the third migration: each person's own account (editors and admins sign in with theirs, so the
# name on every change comes from the account, not from what someone typed).
accounts = Table(
    "accounts",
    metadata,
    Column("name", String(200), primary_key=True),  # the sign-in name, lower case
    Column("display_name", String(200), nullable=False),  # as shown on changes
    Column("role", String(16), nullable=False),
    Column("password_hash", String(200), nullable=False),  # Argon2id, encoded with its parameters
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("disabled_at", DateTime(timezone=True), nullable=True),
)
# Added by the fourth migration: signed-in sessions (each token kept only as its SHA-256) and the
# sign-in throttle's counts, in the store so that every replica and tab sees the same ones.
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account", String(200), nullable=False),  # the account's key; "" for the viewers' shared password
    Column("display_name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
)
throttle = Table(
    "throttle",
    metadata,
    Column("key", String(300), primary_key=True),  # "client:ADDRESS" or "account:NAME"
    Column("attempts", Integer, nullable=False),  # counted before the password is checked
    Column("last_at", Float, nullable=False),  # epoch seconds
    Column("wait_until", Float, nullable=False),
    Column("audited_at", Float, nullable=False),  # the last throttled refusal written to the audit log
)
