"""Run `streamlit` with a Python audit hook that logs every socket connection and name lookup the
server makes (to NET_AUDIT_LOG), so a test can prove that nothing leaves the machine."""

import os
import sys

_log = open(os.environ["NET_AUDIT_LOG"], "a", buffering=1, encoding="utf-8")  # noqa: SIM115


def _hook(event, args):
    if event == "socket.connect":
        _log.write(f"connect {args[1]!r}\n")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        _log.write(f"lookup {args[0]!r}\n")


sys.addaudithook(_hook)
from streamlit.web import cli  # noqa: E402

sys.argv = ["streamlit", *sys.argv[1:]]
sys.exit(cli.main())
