"""Untrusted text stays text: escaping for Markdown and HTML, and link checks."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlparse

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")


_OVERRIDES = re.compile("[\u202d\u202e]")  # left-to-right / right-to-left override: text shown reversed
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(\\?[:.])|@")  # what GFM turns into a link on its own


def visible_overrides(text: str) -> str:
    """A bidi override shown as what it is ("[U+202E]"), not obeyed: "‮gnp.exe" would read "exe.png"."""
    return _OVERRIDES.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def md(text: object) -> str:
    """Escape every character Markdown (and Streamlit's extensions) would interpret. Bare addresses
    ("https://…", "www.…", "name@host") stay text: Streamlit links them after parsing (escapes and
    entities do not stop it), so an invisible WORD JOINER (U+2060) is put where it breaks the match."""
    escaped = _MD_SPECIAL.sub(r"\\\1", visible_overrides(str(text)))
    escaped = _AUTOLINK.sub(lambda m: "@\u2060" if m.group() == "@" else f"{m.group(1)}\u2060{m.group(2)}", escaped)
    return escaped.replace("\n", "  \n")


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) link, otherwise None (no javascript:, data:, relative...)."""
    text = str(url or "").strip()
    if not text or any(ch.isspace() or not ch.isprintable() for ch in text):
        return None
    parts = urlparse(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else None


def md_link(label: str, url: object) -> str:
    """A Markdown link to an http(s) URL, or the escaped label alone when the URL is not one.

    Brackets, parentheses and quotes in the URL are percent-encoded so that it cannot close the
    link early and smuggle in another (e.g. a javascript: one).
    """
    safe = safe_url(url)
    if not safe:
        return md(label)
    encoded = quote(safe, safe=":/?#@!$&*+,;=%-._~")
    return f"[{md(label)}]({encoded})"


def chip(label: str, colour: str) -> str:
    """An HTML chip whose label is escaped text and whose colour is a validated hex value."""
    if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", colour or ""):
        colour = "#7F7F7F"
    return (
        f'<span style="background:{colour};color:{text_colour(colour)};border-radius:0.8em;'
        f'padding:0.05em 0.6em;margin-right:0.3em;font-size:0.85em;white-space:nowrap">'
        f"{html.escape(visible_overrides(label))}</span>"
    )


def text_colour(colour: str) -> str:
    """Black or white, whichever reads better on the given hex background."""
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if lum > 0.45 else "#FFFFFF"
