"""What kind of thing happened: each event type in one of a few families, so that a mark can say it at a
glance. The one definition, from what a type carries: its CAMEO code (GDELT, the bundled data), else the
family ACLED names first in its label ("Battles: Armed clash").

- talks & cooperation — CAMEO 01–08 (statements, appeals, consultations, diplomatic and material cooperation,
  yielding);
- pressure & strategy — CAMEO 09–13 and 15–17 (demands, rejections, threats, force postures, reduced
  relations, coercion); ACLED's strategic developments;
- protest — CAMEO 14; ACLED's protests and riots;
- violence — CAMEO 18–20 (assault, fighting, mass violence); ACLED's battles, explosions/remote violence and
  violence against civilians;
- other — anything else (a type with no code or known label).
"""

from __future__ import annotations

FAMILIES = ("talks & cooperation", "pressure & strategy", "protest", "violence", "other")
COOPERATIVE = FAMILIES[0]  # what Who meets whom counts as cooperation whoever takes part
# Hues of their own: the factions' palette (Okabe–Ito, data/factions.csv) takes orange, yellow, sky blue, blue,
# bluish green, vermillion and reddish purple; a family is violet, teal, olive or crimson, so that a mark's colour
# never reads as a faction (Hamas green was also "pressure & strategy"). Each is 3:1 or more on the light and the
# dark page (WCAG's contrast for graphics), and they differ in lightness as well as hue.
COLOURS = {
    "talks & cooperation": "#8A63D2",
    "pressure & strategy": "#178F8F",
    "protest": "#5F8F1B",
    "violence": "#D03A5E",
    "other": "#8C8C8C",
}
ACLED = {
    "battles": "violence",
    "explosions/remote violence": "violence",
    "violence against civilians": "violence",
    "protests": "protest",
    "riots": "protest",
    "strategic developments": "pressure & strategy",
}


def family(cameo_code: str = "", label: str = "") -> str:
    code = str(cameo_code or "").strip()
    if len(code) >= 2 and code[:2].isdigit():
        root = int(code[:2])
        if 1 <= root <= 8:
            return "talks & cooperation"
        if root == 14:
            return "protest"
        if 18 <= root <= 20:
            return "violence"
        if 9 <= root <= 17:
            return "pressure & strategy"
    head = str(label or "").split(":")[0].strip().lower()
    return ACLED.get(head, "other")


def of_types(event_types) -> dict[str, str]:
    """Each event type of an event_types table (event_type, label, cameo_code) -> its family."""
    codes = event_types["cameo_code"] if "cameo_code" in event_types else [""] * len(event_types)
    return {t: family(c, lab) for t, c, lab in zip(event_types["event_type"], codes, event_types["label"])}
