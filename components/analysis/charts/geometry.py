"""The timeline as drawn: every mark, bar, "+N" box, label and lane name of a figure as a box in pixels of a plot
of a given width, and the pairs of boxes that overlap. The caption's claim ("no two overlap") is this count,
computed from the figure itself (and tests/test_figures.py asserts it at the phone's and a desktop's width).

Measured as Plotly draws them: a marker of size s is s pixels wide around its point; a label starts a few
pixels beside its marker (left or right, as its text position says) and is CHAR_PX a character long; a bar
covers its days and its width in rows; a row is ROW_PX tall at least.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.analysis.packing import CHAR_PX, CROWD_CHAR_PX

ROW_PX = 24  # the least a row of a lane is drawn (the figure's height gives it at least this)
TEXT_PX = 14  # a label's height at 11 px
NAME_CHAR_PX = 7.4  # a bold lane-name character at 11 px


def _x_px(values, lo: pd.Timestamp, hi: pd.Timestamp, plot_px: float) -> np.ndarray:
    t = pd.to_datetime(pd.Series(list(values))).to_numpy(dtype="datetime64[ns]").astype(np.int64)
    return (t - lo.value) / max(hi.value - lo.value, 1) * plot_px


def _plain(text: str) -> str:
    return str(text).replace("<b>", "").replace("</b>", "").replace("&amp;", "&").replace("&lt;", "<")


def drawn_boxes(fig: go.Figure, plot_px: float) -> pd.DataFrame:
    """kind, owner (an event id, a crowd or a lane), x0, x1, y0, y1 in pixels, for a timeline figure."""
    if fig.layout.xaxis.range is None:
        return pd.DataFrame(columns=["kind", "owner", "x0", "x1", "y0", "y1"])
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    boxes: list[tuple] = []

    def add(kind, owners, x0, x1, yc, h):
        for o, a, b, y in zip(owners, x0, x1, yc):
            boxes.append((kind, str(o), float(a), float(b), float(y) - h / 2, float(y) + h / 2))

    for t in fig.data:
        if t.customdata is None and t.name != "Selected event":
            continue
        owners = (
            [c[0] if t.name != "crowds" else f"crowd {c[1]} {c[2]}" for c in t.customdata]
            if t.customdata is not None
            else []
        )
        y = np.asarray(t.y, dtype=float) * ROW_PX if t.y is not None else np.zeros(0)
        if t.type == "bar":
            x0 = _x_px(t.base, lo, hi, plot_px)
            x1 = x0 + np.asarray(t.x, dtype=float) * 1e6 / max(hi.value - lo.value, 1) * plot_px
            widths = np.broadcast_to(np.asarray(t.width, dtype=float), len(x0)) * ROW_PX
            for o, a, b, yc, w in zip(owners, x0, x1, y, widths):
                boxes.append(("bar", str(o), float(a), float(b), yc - w / 2, yc + w / 2))
            continue
        x = _x_px(t.x, lo, hi, plot_px)
        if t.name == "Selected event":
            owners = [_plain(o) for o in (t.meta or [])] or [""] * len(x)
        size = np.broadcast_to(np.asarray(t.marker.size if t.marker.size is not None else 0, dtype=float), len(x))
        if "markers" in (t.mode or ""):
            add("mark", owners, x - size / 2, x + size / 2, y, 0)
            for k in range(len(boxes) - len(x), len(boxes)):  # a marker is as tall as wide
                kind, o, a, b, yc, _ = boxes[k]
                boxes[k] = (kind, o, a, b, yc - (b - a) / 2, yc + (b - a) / 2)
        if "text" in (t.mode or "") and t.text is not None:
            texts = [t.text] * len(x) if isinstance(t.text, str) else list(t.text)
            where = t.textposition
            where = [where] * len(x) if isinstance(where, str) or where is None else list(where)
            char = CROWD_CHAR_PX if t.name == "crowds" else CHAR_PX
            for o, xc, yc, s, text, pos in zip(owners, x, y, size, texts, where):
                if not text:
                    continue
                w = len(_plain(text)) * char
                gap = s / 2 + 2 if s else 0
                if pos and pos.endswith("left"):
                    a, b = xc - gap - w, xc - gap
                else:
                    a, b = xc + gap, xc + gap + w
                top = yc - s / 2 - TEXT_PX if pos and pos.startswith("top") else yc - TEXT_PX / 2
                boxes.append(("label", str(o), a, b, top, top + TEXT_PX))
    for a in fig.layout.annotations or ():
        if a.yref == "y" and a.xref == "paper":  # lane names, at the tops of their bands
            top = float(a.y) * ROW_PX
            boxes.append(("lane", f"lane {a.text}", 0.0, 6 + len(_plain(a.text)) * NAME_CHAR_PX, top, top + 17))
    return pd.DataFrame(boxes, columns=["kind", "owner", "x0", "x1", "y0", "y1"])


def overlapping_pairs(boxes: pd.DataFrame, tolerance: float = 0.5) -> list[tuple[int, int]]:
    """Pairs of boxes of different owners that overlap by more than `tolerance` pixels both ways."""
    if boxes.empty:
        return []
    order = np.argsort(boxes["x0"].to_numpy(), kind="stable")
    x0, x1 = boxes["x0"].to_numpy()[order], boxes["x1"].to_numpy()[order]
    y0, y1 = boxes["y0"].to_numpy()[order], boxes["y1"].to_numpy()[order]
    owner = boxes["owner"].to_numpy(dtype=object)[order]
    index = boxes.index.to_numpy()[order]
    pairs = []
    for i in range(len(order)):
        j = i + 1
        while j < len(order) and x0[j] < x1[i] - tolerance:
            if owner[i] != owner[j] and min(y1[i], y1[j]) - max(y0[i], y0[j]) > tolerance:
                pairs.append((int(index[i]), int(index[j])))
            j += 1
    return pairs
