"""The Streamlit script of the installed package (`factionline run`); dashboard.py is the same wiring."""

from components.ui.app import main

main()
