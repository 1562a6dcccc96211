"""`python -m components.ui.serve run dashboard.py …`: Streamlit's own command line, with the app's
guards in place before the server accepts its first connection (`factionline run` and the Docker image
start the server this way).

Started with `streamlit run`, the guards are installed when the app is first imported, at the first
session's first run: a message sent before that (upload URLs, a cache wipe) would reach Streamlit
unguarded (docs/security.md)."""

from __future__ import annotations

import sys


def main() -> None:
    from components.ui import auth_cookie, cache_guard

    cache_guard.install()  # no upload URLs, bytes or component messages before sign-in; no cache wipes
    auth_cookie.install_before_start()  # the HttpOnly session cookie's route
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
