"""Attribution chains: how words reached the article we read, one step at a time, in the source's terms.

A chain is a cell of ';'-separated steps, each a wording and its object:

    said at: a forum in Moscow; told: tass; relayed by: anadolu; via: example-post

The wordings (and what follows the colon):

- said at        an event id or a place in words ("said at: the Valdai forum")
- told           the outlet the speaker spoke to (a source id)
- in a statement blank, an outlet id or words ("in a statement: on its Telegram channel")
- published by   the outlet that first published it (a source id)
- relayed by     an outlet that carried another's account (a source id)
- via            the outlet we read it in (a source id; added from the article when the chain omits it)

The first outlet named by *told*, *in a statement* or *published by* is the account's first publisher:
relays of one first publisher count once when reports are counted (reports.py).
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass

from components.data.schema import split_list

OUTLET = "outlet"  # the object is a source id
PLACE = "place"  # an event id or words
OPTIONAL = "optional"  # blank, a source id or words
WORDINGS = {
    "said at": PLACE,
    "told": OUTLET,
    "in a statement": OPTIONAL,
    "published by": OUTLET,
    "relayed by": OUTLET,
    "via": OUTLET,
}
FIRST_PUBLISHER = ("told", "in a statement", "published by")
EXAMPLE = "told: tass; relayed by: anadolu; via: example-post"


@dataclass(frozen=True)
class Step:
    wording: str
    target: str  # as written (an id or words); "" for a bare "in a statement"


def parse(cell: str) -> list[Step]:
    """The steps of a chain cell (wordings compared without case; unknown ones kept for problem())."""
    steps = []
    for part in split_list(cell):
        wording, _, target = part.partition(":")
        steps.append(Step(" ".join(wording.lower().split()), target.strip()))
    return steps


def problem(cell: str, outlets: Container[str]) -> str | None:
    """Why a chain cell is not usable (the first fault), or None."""
    for n, step in enumerate(parse(cell), 1):
        kind = WORDINGS.get(step.wording)
        if kind is None:
            return f"step {n} begins {step.wording!r}, which is not a wording of a chain ({', '.join(WORDINGS)})"
        if kind == OUTLET and step.target not in outlets:
            what = f"{step.target!r}, which sources.csv does not define" if step.target else "no outlet"
            return f"step {n} ({step.wording}) names {what}"
        if kind == PLACE and not step.target:
            return f"step {n} ({step.wording}) names no event or place"
    return None


def first_publisher(steps: list[Step], outlets: Container[str]) -> str:
    """The source id of the outlet that first published the account, per the chain ("" when it names none)."""
    for step in steps:
        if step.wording in FIRST_PUBLISHER and step.target in outlets:
            return step.target
    return ""


def render(
    steps: list[Step], outlet_name: Callable[[str], str | None], event_title: Callable[[str], str | None]
) -> str:
    """The chain as written: 'said at the Valdai forum · told TASS · relayed by Anadolu Agency · via Example Post'.
    outlet_name/event_title give None for an id they do not know (the words are then shown as written)."""
    parts = []
    for step in steps:
        target = step.target
        name = outlet_name(target) if target else None
        if name is None and step.wording == "said at":
            name = event_title(target)
        parts.append(f"{step.wording} {name or target}".strip())
    return " · ".join(parts)


def rename(cell: str, outlets: dict[str, str]) -> str:
    """The chain with its outlet ids renamed (a merge unifying one outlet's two ids); words left as written."""
    steps = parse(cell)
    if not any(s.target in outlets and WORDINGS.get(s.wording) in (OUTLET, OPTIONAL) for s in steps):
        return cell
    return "; ".join(
        f"{s.wording}: {outlets.get(s.target, s.target) if WORDINGS.get(s.wording) in (OUTLET, OPTIONAL) else s.target}"
        if s.target
        else s.wording
        for s in steps
    )
