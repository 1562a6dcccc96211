"""Drafting (issue 14): proposals from a new article — dates, quotes, speakers, events — for a person to
review. Pure: never imports streamlit, never fetches anything."""
