"""The store: the working copy a team curates (SQLAlchemy; SQLite embedded, PostgreSQL when hosted) and
the published versions viewers read. Pure core: nothing here imports streamlit.

    db.py        which database, opened and migrated (Alembic) once
    tables.py    its tables
    roles.py     who may do what (checked here, on the server, for every write)
    workcopy.py  the curated tables as records: read, insert, update with a version check, import
    versions.py  publish (validate, snapshot, diff), list, materialize, export
    curation.py  articles and drafts: add an article, accept / edit / reject / attach a draft
    notes.py     editors' threaded notes, internal or public
    audit.py     the append-only log of every change
"""
