"""Factionline: a provenance-first dashboard of political events.

The core modules (schema, dates, textmatch, problems, loader, validate, model,
query, figures, urlstate) never import streamlit; the ``ui_*`` modules render.
"""

import warnings

# pyspark (the optional Spark engine) warns about pandas 3 whenever it is imported — pandera imports it when
# present; the engine's queries return Arrow-backed frames and are tested on pandas 3.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
