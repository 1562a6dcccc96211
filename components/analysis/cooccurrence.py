"""Who is in the room with whom: shared events per pair of factions (or of actors), straight from row
positions, and a network layout for up to a few hundred actors; and who acted on whom, by the events' sides.

Only events count: two factions co-occur when both have an actor in one event. A quote never counts —
a quote *about* a faction is not a meeting — except a joint statement's signatories when asked
(`joint=True`): the source says they issued the words together.

What a pair counts (`count`, the one definition, in memory and on the engines):
- "all": every event both take part in;
- "cooperation": an event of the talks & cooperation family both take part in, or any event in which both
  are on the same side (allies in a clash);
- "conflict": an event of another family in which they are on opposite sides (an event without sides says
  nobody's side: it counts in neither "cooperation" by side nor "conflict").
The diagonal is always each one's events in the selection. The directed matrix counts side A (the initiator,
or the first side the source lists) in rows against side B in columns, with how many of them the source
states as directed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from components.data.model import Dataset
from components.data.schema import split_list

MAX_ACTORS = 300  # an actor matrix or network beyond this is aggregated to factions
COUNTS = ("cooperation", "conflict", "all")  # what a cell of Who meets whom counts (see the module's note)


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


def cross_counts(pos_a: np.ndarray, m_a: np.ndarray, pos_b: np.ndarray, m_b: np.ndarray, size: int) -> np.ndarray:
    """size x size counts of (x of the a-rows, y of the b-rows) in the same group (both pos sorted): each
    group's every pair at once, as _pair_counts does within one set of rows."""
    lo, hi = np.searchsorted(pos_b, pos_a, "left"), np.searchsorted(pos_b, pos_a, "right")
    n = hi - lo
    first = np.repeat(np.arange(len(pos_a)), n)
    second = np.repeat(lo, n) + np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    keys = m_a[first] * size + m_b[second]
    return np.bincount(keys, minlength=size * size).reshape(size, size).astype(np.int64)


@dataclass(frozen=True)
class SideCounts:
    """Per pair (size x size) over some events: together (both take part), same (on one side), across
    (on opposite sides) and directed (row on side A, column on side B)."""

    together: np.ndarray
    same: np.ndarray
    across: np.ndarray
    directed: np.ndarray


def side_counts(pos, member, lane_pos, lane_member, side, size: int) -> SideCounts:
    """The pair counts of some events: (pos, member) every participant, (lane_pos, lane_member, side) every
    participant on a side (0: side A, 1: side B); all sorted by pos. By inclusion and exclusion: on one side
    = both on A + both on B − both on A and B; across = A×B + B×A − both on A and B."""
    a, b = side == 0, side == 1
    both_sides = _on_both(lane_pos, lane_member, side, size)
    both = _pair_counts(*both_sides, size)
    ab = cross_counts(lane_pos[a], lane_member[a], lane_pos[b], lane_member[b], size)
    return SideCounts(
        together=_pair_counts(pos, member, size),
        same=_pair_counts(lane_pos[a], lane_member[a], size) + _pair_counts(lane_pos[b], lane_member[b], size) - both,
        across=ab + ab.T - both,
        directed=ab,
    )


def _on_both(pos, member, side, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The (pos, member) found on both sides of one event, sorted by pos."""
    key = pos.astype(np.int64) * size + member
    shared = np.intersect1d(key[side == 0], key[side == 1])
    return shared // size, shared % size


def mask_counts(lanes, lanes_a, lanes_b, n, size: int) -> SideCounts:
    """side_counts over groups of events with the same masks (bit i: member i), n events each: an engine's
    grouped answer (engines/sql.py), with the same inclusion and exclusion."""

    def bits(masks):
        masks = np.asarray(masks, dtype=np.int64)
        return ((masks[:, None] >> np.arange(size, dtype=np.int64)[None, :]) & 1).astype(np.float64)

    n = np.asarray(n, dtype=np.float64)[:, None]
    every, a, b = bits(lanes), bits(lanes_a), bits(lanes_b)
    both = a * b

    def gram(x, y):  # float64: BLAS; exact, counts being far below 2**53
        return np.rint(x.T @ (y * n)).astype(np.int64)

    ab = gram(a, b)
    return SideCounts(gram(every, every), gram(a, a) + gram(b, b) - gram(both, both), ab + ab.T - gram(both, both), ab)


def counted(coop: SideCounts, other: SideCounts, count: str) -> np.ndarray:
    """What a cell counts (the module's note), from the counts of the cooperative events and of the others."""
    if count == "conflict":
        return other.across
    if count == "cooperation":
        return coop.together + other.same
    return coop.together + other.together


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


def faction_matrix(ds: Dataset, event_pos: np.ndarray, joint: bool = False, count: str = "all") -> Matrix:
    """Shared events between factions in the selection (the "No faction" lane left out), as `count` counts
    them (COUNTS); the diagonal, each one's events.

    Up to 64 factions, each event's factions are one bit mask: the selection's distinct masks are counted
    (a few thousand, whatever the number of events) and the matrix is Bᵀ·(B·counts) over them."""
    if count != "all":
        every = faction_matrix(ds, event_pos)
        counts = counted(*_faction_sides(ds, event_pos), count)
        np.fill_diagonal(counts, np.diag(every.counts))
        if joint and count == "cooperation":  # a joint statement is cooperation, never conflict
            index = {f: i for i, f in enumerate(every.ids)}
            counts = counts + _joint_statements(ds, event_pos, index, by_faction=True)
        return Matrix(every.ids, every.names, counts)
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


def _faction_sides(ds: Dataset, event_pos: np.ndarray) -> tuple[SideCounts, SideCounts]:
    """side_counts of the selection's cooperative events and of its others, between factions."""
    n = len(ds.factions)
    pos, lane = ds.lane_pairs()
    spos, slane, side = ds.side_pairs()
    chosen = _selected(len(ds.events), event_pos)
    coop = ds.cooperative()
    out = []
    for wanted in (coop, ~coop):
        keep, skeep = (chosen & wanted)[pos] & (lane < n), (chosen & wanted)[spos]
        out.append(side_counts(pos[keep], lane[keep], spos[skeep], slane[skeep], side[skeep], n))
    return out[0], out[1]


@dataclass(frozen=True)
class Directed:
    """Who acted on whom: events with a row's member on side A (the initiator, or the source's first side)
    and a column's on side B; `stated`, those whose source says side A acted (direction "directed")."""

    ids: list[str]
    names: list[str]
    counts: np.ndarray
    stated: np.ndarray

    def pairs(self) -> list[tuple[str, str, int, int]]:
        """(side A, side B, events, of which stated) with at least one, most first (a member on both sides of
        an event, fighting itself, is kept: rows and columns differ in meaning)."""
        rows, cols = np.nonzero(self.counts)
        found = [(self.ids[i], self.ids[j], int(self.counts[i, j]), int(self.stated[i, j])) for i, j in zip(rows, cols)]
        return sorted(found, key=lambda t: (-t[2], t[0], t[1]))


def directed_matrix(ds: Dataset, event_pos: np.ndarray) -> Directed:
    """The selection's events between factions by side: side A in rows, side B in columns."""
    n = len(ds.factions)
    spos, slane, side = ds.side_pairs()
    chosen = _selected(len(ds.events), event_pos)
    out = []
    for wanted in (chosen, chosen & ds.directed()):
        keep = wanted[spos]
        a, b = keep & (side == 0), keep & (side == 1)
        out.append(cross_counts(spos[a], slane[a], spos[b], slane[b], n))
    ids = list(ds.factions["faction_id"])
    return Directed(ids, [ds.faction_name.get(f, f) for f in ids], out[0], out[1])


def actor_directed(ds: Dataset, event_pos: np.ndarray, factions=()) -> Directed:
    """directed_matrix between actors (those of the chosen factions on either side, when some are chosen)."""
    sides = ds.side_actors()
    pos = sides["event_pos"].to_numpy()
    keep = _selected(len(ds.events), event_pos)[pos]
    if factions:
        wanted = set(ds.actors_in_factions(factions))
        events = np.unique(pos[keep & sides["actor_id"].astype("str").isin(wanted).to_numpy()])
        keep &= np.isin(pos, events)
    ids = sorted(set(sides["actor_id"].astype("str")[keep]))
    number = {a: i for i, a in enumerate(ids)}
    member = np.array([number.get(a, -1) for a in sides["actor_id"].astype("str")], dtype=np.int64)
    side, directed = sides["side"].to_numpy(), ds.directed()
    out = []
    for more in (np.ones(len(ds.events), dtype=bool), directed):
        k = keep & more[pos]
        a, b = k & (side == 0), k & (side == 1)
        out.append(cross_counts(pos[a], member[a], pos[b], member[b], len(ids)))
    return Directed(ids, [ds.actor_name(a) for a in ids], out[0], out[1])


def actor_matrix(
    ds: Dataset, event_pos: np.ndarray, factions=(), joint: bool = False, count: str = "all"
) -> Matrix | None:
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
    if count != "all":
        sides = ds.side_actors()
        at = {a: i for i, a in enumerate(ids)}
        smember = np.array([at.get(a, -1) for a in sides["actor_id"].astype("str")], dtype=np.int64)
        spos, side = sides["event_pos"].to_numpy(), sides["side"].to_numpy()
        chosen, coop = _selected(len(ds.events), event_pos), ds.cooperative()
        found = []
        for wanted in (coop, ~coop):
            k = keep & wanted[pos]
            o = np.argsort(pos[k], kind="stable")
            sk = chosen[spos] & wanted[spos] & (smember >= 0)
            found.append(side_counts(pos[k][o], number[code[k]][o], spos[sk], smember[sk], side[sk], len(ids)))
        diagonal = np.diag(counts).copy()
        counts = counted(found[0], found[1], count)
        np.fill_diagonal(counts, diagonal)
    if joint and count != "conflict":
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
