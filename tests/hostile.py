"""A valid data directory full of hostile text: what an untrusted table could hold."""

import csv
import shutil
from pathlib import Path

from .conftest import BUNDLED

SCRIPT = "<script>window.__pwned = 1; alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned = 2; alert('img')\">"
SVG = '<svg onload="window.__pwned = 3"></svg>'
MD_LINK = "[click me](javascript:window.__pwned=4)"
MD_IMAGE = "![tracker](http://evil.example/pixel.png)"
HTML_LINK = '<a href="javascript:window.__pwned=5">link</a>'
FORMULA = '=HYPERLINK("http://evil.example","open")'
RTL = "\u202eevil\u202c مرحبا بالعالم"
EMOJI = "🕊️🔥👨‍👩‍👧 𝕳𝖆𝖒𝖆𝖘"
LONG = "A" * 5000
STRINGS = [SCRIPT, IMG, SVG, MD_LINK, MD_IMAGE, HTML_LINK, FORMULA, RTL, EMOJI]
EVIDENCE = f"Hostile sentence {SCRIPT} {IMG} {MD_IMAGE} {HTML_LINK} end."
HOSTILE_EVENT = "ev-2024-02-29-hamas-fatah-meet-moscow"


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        change(row)
    fields = fields + [k for k in rows[0] if k not in fields]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def make(target: Path) -> Path:
    shutil.copytree(BUNDLED, target)
    article = target / "articles" / "aj-2024-02-28-moscow-talks.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n" + EVIDENCE + "\n", encoding="utf-8")

    def event(row):
        if row["event_id"] == HOSTILE_EVENT:
            row.update(
                title=f"{SCRIPT} {IMG} {EMOJI}",
                summary=f"{MD_LINK} {MD_IMAGE} {HTML_LINK} {RTL} {LONG}",
                location=SVG,
                date_text=FORMULA,
                evidence=EVIDENCE,
                note=f"**bold?** {MD_LINK}",
                source_url="javascript:window.__pwned=6",
            )
        else:
            row["source_url"] = ""

    def actor(row):
        if row["actor_id"] == "hamas":
            row.update(name=f"Hamas {IMG}", role=f"{MD_IMAGE} {SCRIPT}")

    def faction(row):
        if row["faction_id"] == "fatah":
            row.update(name=f"Fatah {SVG}", description=SCRIPT)

    def source(row):
        if row["source_id"] == "reuters":
            row.update(name=f"Reuters {MD_LINK}", url="javascript:window.__pwned=7")
        if row["source_id"] == "aljazeera":
            row.update(url="data:text/html,<script>window.__pwned=8</script>")

    def quote(row):
        if row["quote_type"] == "paraphrase":
            row["text"] = f"{SCRIPT} {MD_IMAGE} {FORMULA} {RTL} {EMOJI}"

    def article_row(row):
        row.update(url="javascript:window.__pwned=9", title=f"{IMG} title", credit=MD_IMAGE)

    _rewrite(target / "events.csv", event)
    _rewrite(target / "actors.csv", actor)
    _rewrite(target / "factions.csv", faction)
    _rewrite(target / "sources.csv", source)
    _rewrite(target / "quotes.csv", quote)
    _rewrite(target / "articles.csv", article_row)
    return target
