"""Analytical engines: the dashboard's filters and aggregates compiled for a SQL engine (Ibis), over a
dataset written by `factionline ingest`. Pure: never imports streamlit. The in-memory model
(components/analysis) stays the default; see docs/engines.md."""
