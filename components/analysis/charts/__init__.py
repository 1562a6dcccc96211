"""Plotly figures, a module per family: common, timeline, places (the map), matrix (who meets whom)."""
