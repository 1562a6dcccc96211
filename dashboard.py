"""Factionline dashboard: wiring only. Run with `streamlit run dashboard.py`."""

from components.ui.app import main

main()
