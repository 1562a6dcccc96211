"""Who meets whom: the matrix of shared events and the actor network."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from components.analysis.charts.common import NO_FACTION_COLOUR, esc

MATRIX_PX = 34  # a cell of the co-occurrence matrix
MATRIX_WIDTH_PX = 860  # the widest a matrix is drawn: the page's width at 1280 px (a figure wider than its
# column is squashed by Streamlit, its cells no longer square and its counts clipped)


def _short(n: int) -> str:
    """A count that fits a cell: 999, 1.5k, 15k, 2.1M."""
    n = int(n)
    if n < 1000:
        return str(n)
    if n < 10_000:
        return f"{n / 1000:.1f}k"
    if n < 1_000_000:
        return f"{n // 1000}k"
    return f"{n / 1_000_000:.1f}M"


def matrix_figure(matrix, colours: dict[str, str] | None = None, what: str = "events") -> go.Figure:
    """The co-occurrence matrix as square marks (a click on one selects its pair): darker for more shared
    events, the count written in each; the diagonal is each row's own events, drawn faint. A directed matrix
    (cooccurrence.Directed: side A in rows, side B in columns) has no such diagonal: a cell on it is a faction
    on both sides of its events."""
    n = len(matrix.ids)
    fig = go.Figure()
    if not n:
        return fig
    directed = hasattr(matrix, "stated")
    rows, cols = np.nonzero(matrix.counts)
    counts = matrix.counts[rows, cols]
    own = (rows == cols) & (not directed)
    top = max(int(counts[~own].max()) if (~own).any() else 1, 1)
    names = [esc(x) for x in matrix.names]
    # Rows and columns: every member each way; a directed matrix, those with an event on that side only
    down = sorted(set(rows)) if directed else range(n)
    across = sorted(set(cols)) if directed else range(n)
    ynames, xnames = [names[i] for i in down], [names[j] for j in across]
    labels = 14 + 6 * max((len(matrix.names[i]) for i in down), default=4)  # the longest row name, in pixels
    cell = max(14, min(MATRIX_PX, (MATRIX_WIDTH_PX - labels - 20) // len(xnames)))  # keeps to the page's width
    for diagonal in (True, False):
        keep = own == diagonal
        r, c, k = rows[keep], cols[keep], counts[keep]
        if not len(k):
            continue
        fig.add_trace(
            go.Scatter(
                x=[names[j] for j in c],
                y=[names[i] for i in r],
                mode="markers+text" if max(len(down), len(across)) <= 20 else "markers",  # beyond: on hover
                text=[_short(v) for v in k],  # the exact count is on hover
                hovertext=[f"{v:,}" for v in k]
                if not directed
                else [_stated(v, int(matrix.stated[i, j]), what) for v, i, j in zip(k, r, c)],
                textfont={
                    "size": 11,
                    "color": ["#888" if diagonal or v / top <= 0.45 else "white" for v in k],
                },
                cliponaxis=False,  # a count in the last row or column is never cut ("135", not "13")
                marker={
                    "symbol": "square",
                    "size": cell - 4,
                    "color": "rgba(128,128,128,0.15)" if diagonal else k,
                    # translucent blue: faint cells read on a light and on a dark page alike
                    "colorscale": [[0, "rgba(31,119,180,0.14)"], [1, "rgba(31,119,180,1)"]],
                    "cmin": 0,
                    "cmax": top,
                    "line": {"width": 0},
                },
                customdata=[[matrix.ids[i], matrix.ids[j]] for i, j in zip(r, c)],
                name="own" if diagonal else "shared",
                hovertemplate=(
                    "%{y}: %{hovertext} " + what + " in the selection<extra></extra>"
                    if diagonal
                    else "%{y} and %{x}: %{hovertext} shared " + what + "<br>click to show them<extra></extra>"
                )
                if not directed
                else "%{y} (side A) — %{x} (side B): %{hovertext}<br>click to show them<extra></extra>",
                showlegend=False,
            )
        )
    longest = max(len(matrix.names[j]) for j in across)
    top = int((14 + 6 * longest) * 0.75) + 10  # the column names, at -45°
    # A column's name, at -45°, reaches right of its column by cos 45° of its length: the right margin holds
    # the farthest (else Plotly widens the margin itself and narrows the cells: a squashed matrix)
    w, h = len(xnames), len(ynames)
    right = max(
        20, *(int(0.71 * (14 + 6 * len(matrix.names[j])) - cell * (w - k - 0.5)) + 8 for k, j in enumerate(across))
    )
    axis = {"showgrid": False, "zeroline": False, "fixedrange": True}

    def order(shown):
        return {"categoryorder": "array", "categoryarray": shown, "tickmode": "array", "tickvals": shown}

    fig.update_layout(
        # The plot area is exactly one cell per row and per column: square cells whatever the names.
        width=cell * w + labels + right,
        height=cell * h + top + 20,
        margin={"l": labels, "r": right, "t": top, "b": 20},
        xaxis={**order(xnames), **axis, "range": [-0.5, w - 0.5], "side": "top", "tickangle": -45},
        yaxis={**order(ynames), **axis, "range": [h - 0.5, -0.5]},
        dragmode=False,
        clickmode="event+select",
    )
    return fig


def _stated(n: int, stated: int, what: str) -> str:
    """A directed cell's hover: its events, and how many of them the source directs."""
    if stated == n:
        return f"{n:,} {what}, the source says who acted"
    if not stated:
        return f"{n:,} {what} (two sides: the source does not say who acted)"
    return f"{n:,} {what}, {stated:,} where the source says who acted"


def network_figure(matrix, positions: dict[str, tuple[float, float]], colours: dict[str, str]) -> go.Figure:
    """The actor network: a node per actor (sized by its events, coloured by its first faction), a line
    per pair that shared an event (wider for more)."""
    fig = go.Figure()
    pairs = matrix.pairs()
    top = max((n for _, _, n in pairs), default=1)
    for a, b, n in pairs:
        (x0, y0), (x1, y1) = positions[a], positions[b]
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"width": 0.5 + 5 * n / top, "color": "rgba(120,120,120,0.45)"},
            )
        )
    own = np.diag(matrix.counts)
    fig.add_trace(
        go.Scatter(
            x=[positions[a][0] for a in matrix.ids],
            y=[positions[a][1] for a in matrix.ids],
            mode="markers+text",
            text=[esc(x) for x in matrix.names],
            textposition="top center",
            textfont={"size": 11},
            marker={
                "size": [8 + 22 * np.sqrt(v / max(own.max(), 1)) for v in own],
                "color": [colours.get(a, NO_FACTION_COLOUR) for a in matrix.ids],
                "line": {"width": 1, "color": "white"},
            },
            customdata=[[a, int(v)] for a, v in zip(matrix.ids, own)],
            hovertemplate="%{text}: %{customdata[1]} events<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_layout(
        height=520,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False},
        yaxis={"visible": False},
        dragmode="pan",
    )
    return fig
