"""Who is in the room with whom: shared events per pair of factions (or of actors), straight from row
positions, and a network layout for up to a few hundred actors.

Only events count: two factions co-occur when both have an actor in one event. A quote never counts —
a quote *about* a faction is not a meeting — except a joint statement's signatories when asked
(`joint=True`): the source says they issued the words together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from components.data.model import Dataset
from components.data.schema import split_list

MAX_ACTORS = 300  # an actor matrix or network beyond this is aggregated to factions


@dataclass(frozen=True)
class Matrix:
    ids: list[str]  # faction or actor ids, in the order of the rows and columns
    names: list[str]
    counts: np.ndarray  # int64, n x n: shared events; the diagonal is each one's events

    def pairs(self) -> list[tuple[str, str, int]]:
        """(a, b, shared events) for a < b with at least one, most shared first."""
        n = len(self.ids)
        rows, cols = np.triu_indices(n, k=1)
        found = [(self.ids[i], self.ids[j], int(self.counts[i, j])) for i, j in zip(rows, cols) if self.counts[i, j]]
        return sorted(found, key=lambda t: -t[2])


def _pair_counts(pos: np.ndarray, member: np.ndarray, size: int) -> np.ndarray:
    """size x size counts of members sharing a group: pos (sorted) groups the rows, member numbers them.
    Every ordered pair within a group is generated at once (numpy), so a million events take a moment."""
    if not len(pos):
        return np.zeros((size, size), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, pos[1:] != pos[:-1]])
    sizes = np.diff(np.r_[starts, len(pos)])
    group = np.repeat(np.arange(len(starts)), sizes)
    each = sizes[group]  # the size of each row's group
    first = np.repeat(np.arange(len(pos)), each)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(each) - each, each)
    second = starts[group][first] + offset
    keys = member[first] * size + member[second]
    return np.bincount(keys, minlength=size * size).reshape(size, size).astype(np.int64)


def _selected(n: int, event_pos: np.ndarray) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[event_pos] = True
    return mask


def _lane_sets(ds: Dataset) -> np.ndarray | None:
    """Each event's factions as one 64-bit mask (computed once per dataset); None beyond 64 factions."""
    n = len(ds.factions)
    if n > 64:
        return None

    def make():
        pos, lane = ds.lane_pairs()
        keep = lane < n
        pos, bits = pos[keep], np.left_shift(np.uint64(1), lane[keep].astype(np.uint64))
        masks = np.zeros(len(ds.events), dtype=np.uint64)
        if len(pos):
            starts = np.flatnonzero(np.r_[True, pos[1:] != pos[:-1]])
            masks[pos[starts]] = np.bitwise_or.reduceat(bits, starts)
        return masks

    return ds.memo("lane-sets", make)


def faction_matrix(ds: Dataset, event_pos: np.ndarray, joint: bool = False) -> Matrix:
    """Shared events between factions in the selection (the "No faction" lane left out).

    Up to 64 factions, each event's factions are one bit mask: the selection's distinct masks are counted
    (a few thousand, whatever the number of events) and the matrix is Bᵀ·(B·counts) over them."""
    n = len(ds.factions)
    masks = _lane_sets(ds)
    if masks is not None:
        distinct, times = np.unique(masks[event_pos], return_counts=True)
        bits = ((distinct[:, None] >> np.arange(n, dtype=np.uint64)) & np.uint64(1)).astype(np.float64)
        # float64: BLAS (integer matmul is not); exact, counts being far below 2**53
        counts = np.rint(bits.T @ (bits * times[:, None])).astype(np.int64)
    else:
        pos, lane = ds.lane_pairs()
        keep = _selected(len(ds.events), event_pos)[pos] & (lane < n)
        counts = _pair_counts(pos[keep], lane[keep], n)
    ids = list(ds.factions["faction_id"])
    if joint:
        counts = counts + _joint_statements(ds, event_pos, {f: i for i, f in enumerate(ids)}, by_faction=True)
    return Matrix(ids, [ds.faction_name.get(f, f) for f in ids], counts)


def actor_matrix(ds: Dataset, event_pos: np.ndarray, factions=(), joint: bool = False) -> Matrix | None:
    """Shared events between the actors of the chosen factions (all actors when none is chosen) in the
    selection; None when more than MAX_ACTORS of them take part (aggregate to factions instead)."""
    ea = ds.event_actors
    actors = ea["actor_id"].cat.categories
    pos = ea["event_pos"].to_numpy()
    code = ea["actor_id"].cat.codes.to_numpy()
    keep = _selected(len(ds.events), event_pos)[pos]
    if factions:
        wanted = np.asarray(actors.isin(ds.actors_in_factions(factions)))
        keep &= wanted[code]
    present = np.unique(code[keep])
    if len(present) > MAX_ACTORS:
        return None
    number = np.full(len(actors), -1, dtype=np.int64)
    number[present] = np.arange(len(present))
    order = np.argsort(pos[keep], kind="stable")
    counts = _pair_counts(pos[keep][order], number[code[keep]][order], len(present))
    ids = [str(actors[c]) for c in present]
    if joint:
        counts = counts + _joint_statements(ds, event_pos, {a: i for i, a in enumerate(ids)}, by_faction=False)
    return Matrix(ids, [ds.actor_name(a) for a in ids], counts)


def _joint_statements(ds: Dataset, event_pos: np.ndarray, index: dict[str, int], by_faction: bool) -> np.ndarray:
    """Pairs among the signatories of joint statements (quotes with several speakers) of the selection's
    events or with no event."""
    n = len(index)
    out = np.zeros((n, n), dtype=np.int64)
    q = ds.quotes
    if not len(q):
        return out
    chosen = _selected(len(ds.events), event_pos)
    at = q["event_pos"].to_numpy()
    for speakers, pos in zip(q["speaker_id"], at):
        ids = split_list(speakers)
        if len(ids) < 2 or (pos >= 0 and not chosen[pos]):
            continue
        if by_faction:
            ids = sorted({f for a in ids for f in ds.factions_of_actor.get(a, [])})
        members = sorted({index[i] for i in ids if i in index})
        for a in members:
            for b in members:
                out[a, b] += 1
    return out


def shared_per_month(ds: Dataset, event_pos: np.ndarray, a: str, b: str) -> tuple[np.ndarray, np.ndarray]:
    """(first day of each month, shared events of factions a and b starting that month) in the selection."""
    pos, lane = ds.lane_pairs()
    ids = list(ds.factions["faction_id"])
    if a not in ids or b not in ids:
        return np.array([], dtype="datetime64[M]"), np.array([], dtype=np.int64)
    chosen = _selected(len(ds.events), event_pos)
    has_a = np.zeros(len(ds.events), dtype=bool)
    has_b = np.zeros(len(ds.events), dtype=bool)
    has_a[pos[lane == ids.index(a)]] = True
    has_b[pos[lane == ids.index(b)]] = True
    both = np.flatnonzero(chosen & has_a & has_b)
    months = ds.events["start"].to_numpy()[both].astype("datetime64[M]")
    found, counts = np.unique(months, return_counts=True)
    return found, counts


def per_month(days) -> tuple[np.ndarray, np.ndarray]:
    """(first day of each month, events starting that month) of a selection given per first day
    (backend.days); with a pair chosen (Factions together) these are the pair's shared events per month."""
    if not len(days):
        return np.array([], dtype="datetime64[M]"), np.array([], dtype=np.int64)
    months = days["day"].to_numpy().astype(np.int64).astype("datetime64[D]").astype("datetime64[M]")
    found, inverse = np.unique(months, return_inverse=True)
    return found, np.bincount(inverse, weights=days["n"].to_numpy()).astype(np.int64)


def layout(matrix: Matrix, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions of the matrix's network (networkx's spring layout, weighted by shared events; a fixed
    seed: the same data draws the same picture)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(matrix.ids)
    for a, b, n in matrix.pairs():
        graph.add_edge(a, b, weight=float(n))
    if not graph.number_of_nodes():
        return {}
    return {k: (float(x), float(y)) for k, (x, y) in nx.spring_layout(graph, weight="weight", seed=seed).items()}
