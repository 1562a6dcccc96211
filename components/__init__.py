"""Factionline: a provenance-first dashboard of political events.

The core modules (schema, dates, textmatch, problems, loader, validate, model,
query, figures, urlstate) never import streamlit; the ``ui_*`` modules render.
"""
