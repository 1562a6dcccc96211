"""Factionline dashboard: wiring only. Run with `streamlit run dashboard.py`."""
from components.ui_app import main

main()
