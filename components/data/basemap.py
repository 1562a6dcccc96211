"""The map's base layer, offline: land, coastlines and country borders from Natural Earth (public domain), as
the world-atlas package (ISC) builds them into TopoJSON, shipped in components/resources/basemap/ and checked by
hash when read (see its README). Nothing is fetched: the geography is drawn into the figure itself.

    coast, borders, names = lines_near(lon0, lon1, lat0, lat1)   # lon/lat with None between lines
    layer = world_near(lon0, lon1, lat0, lat1)   # the whole world (1:110m) with the countries near the view at 1:10m

A TopoJSON arc used by one country is a coast (or an edge without a neighbour); by two, a border.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from components.paths import RESOURCES

FOLDER = RESOURCES / "basemap"
FILES = {  # file -> sha256 (world-atlas 2.0.2, npm; see the folder's README)
    "countries-10m.json": "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79",
    "countries-110m.json": "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
}
FINE_UP_TO = 25.0  # degrees of view: up to this the 1:10m lines, beyond the 1:110m ones (fewer points to send)
_LOCK = threading.Lock()


class BasemapRefused(ValueError):
    """A base-map file that is not the one shipped (its checksum differs)."""


@dataclass(frozen=True)
class Atlas:
    arcs: list[np.ndarray]  # each arc: (n, 2) lon, lat
    boxes: np.ndarray  # (arcs, 4): min lon, max lon, min lat, max lat
    shared: np.ndarray  # bool per arc: a border between two countries
    names: list[tuple[str, float, float, float, float]]  # country name and its largest part's box
    countries: list[tuple[str, list[list[int]], tuple]]  # name, its polygons' outer rings (arc indices), its box


@lru_cache(maxsize=2)
def atlas(name: str) -> Atlas:
    with _LOCK:
        data = (FOLDER / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != FILES[name]:
            raise BasemapRefused(f"{name} is not the base map Factionline ships (its checksum differs).")
        topo = json.loads(data)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for raw in topo["arcs"]:
        q = np.cumsum(np.asarray(raw, dtype=np.float64), axis=0)  # delta-encoded, quantized
        arcs.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))
    boxes = np.array([[a[:, 0].min(), a[:, 0].max(), a[:, 1].min(), a[:, 1].max()] for a in arcs])
    uses = np.zeros(len(arcs), dtype=np.int64)
    names, countries = [], []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        outers = [polygon[0] for polygon in polygons if polygon]
        if outers:
            b = boxes[[i if i >= 0 else ~i for ring in outers for i in ring]]
            whole = (b[:, 0].min(), b[:, 1].max(), b[:, 2].min(), b[:, 3].max())
            countries.append((str(geometry.get("properties", {}).get("name", "")), outers, whole))
        largest = None
        for polygon in polygons:
            for ring in polygon:
                for index in ring:
                    uses[index if index >= 0 else ~index] += 1
            outer = [i if i >= 0 else ~i for i in polygon[0]] if polygon else []
            if outer:
                b = boxes[outer]
                box = (b[:, 0].min(), b[:, 1].max(), b[:, 2].min(), b[:, 3].max())
                if largest is None or (box[1] - box[0]) * (box[3] - box[2]) > (largest[1] - largest[0]) * (
                    largest[3] - largest[2]
                ):
                    largest = box
        if largest is not None:
            names.append((str(geometry.get("properties", {}).get("name", "")), *largest))
    return Atlas(arcs, boxes, uses >= 2, names, countries)


def _joined(parts: list[np.ndarray], digits: int = 4) -> tuple[list, list]:
    xs, ys = [], []
    for a in parts:
        xs += [*a[:, 0].round(digits).tolist(), None]
        ys += [*a[:, 1].round(digits).tolist(), None]
    return xs, ys


def lines_near(lon0: float, lon1: float, lat0: float, lat1: float):
    """The coast and the borders within (and around) a view, as line coordinates; the countries whose
    largest part lies in the view, with where to write their names (name, lon, lat)."""
    span = max(lon1 - lon0, lat1 - lat0, 0.05)
    a = atlas("countries-10m.json" if span <= FINE_UP_TO else "countries-110m.json")
    pad = span  # a view panned by its own size still has its lines
    b = a.boxes
    near = (b[:, 1] >= lon0 - pad) & (b[:, 0] <= lon1 + pad) & (b[:, 3] >= lat0 - pad) & (b[:, 2] <= lat1 + pad)
    coast = _joined([a.arcs[i] for i in np.flatnonzero(near & ~a.shared)])
    borders = _joined([a.arcs[i] for i in np.flatnonzero(near & a.shared)])
    names = [
        (name, (x0 + x1) / 2, (y0 + y1) / 2)
        for name, x0, x1, y0, y1 in a.names
        if name and lon0 <= (x0 + x1) / 2 <= lon1 and lat0 <= (y0 + y1) / 2 <= lat1
    ]
    return coast, borders, names


@dataclass(frozen=True)
class Layer:
    """What the map draws under its places, as line coordinates (lon, lat lists with None between parts)."""

    land: tuple[list, list]  # the countries' outer rings, to fill
    coast: tuple[list, list]
    borders: tuple[list, list]
    names: list[tuple[str, float, float]]  # countries near the view: name, lon, lat


FINE_POINTS_AT_MOST = 12_000  # a country of more 1:10m points (Russia, Canada) stays at 1:110m: bytes for nothing
COARSE_TOL = 0.15  # degrees between the 1:110m points kept (seen only zoomed out, where a pixel is bigger)
NEAR_PAD = 2.0  # degrees around the places' box drawn at 1:10m (the rest of the world at 1:110m)


def _thin(points: np.ndarray, tol: float, box: tuple | None = None, far_tol: float = 0.0) -> np.ndarray:
    """The points of a line at least `tol` degrees apart (`far_tol` outside `box`, where the view is not), its
    ends kept: 1:10m detail beyond what a view shows is bytes sent for nothing."""
    if len(points) <= 2 or tol <= 0:
        return points
    if box is not None:
        x0, x1, y0, y1 = box
        inside = (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)
        tols = np.where(inside, tol, far_tol)
    else:
        tols = np.full(len(points), tol)
    keep, last = [0], points[0]
    for i in range(1, len(points) - 1):
        if abs(points[i, 0] - last[0]) + abs(points[i, 1] - last[1]) >= tols[i]:
            keep.append(i)
            last = points[i]
    keep.append(len(points) - 1)
    return points[keep]


def _points(a: Atlas, rings) -> int:
    return sum(len(a.arcs[i if i >= 0 else ~i]) for ring in rings for i in ring)


def _ring(a: Atlas, ring: list[int]) -> np.ndarray:
    """A ring's coordinates from its arcs (a negative index: the arc reversed); shared ends once."""
    parts = []
    for index in ring:
        arc = a.arcs[index] if index >= 0 else a.arcs[~index][::-1]
        parts.append(arc if not parts else arc[1:])
    return np.concatenate(parts) if parts else np.zeros((0, 2))


@lru_cache(maxsize=16)
def world_near(lon0: float, lon1: float, lat0: float, lat1: float) -> Layer:
    """The whole world's land, coast and borders (1:110m), with the countries near the box at 1:10m (their
    coast then matches the places; the world stays drawn however far the map is zoomed out)."""
    span = max(lon1 - lon0, lat1 - lat0, 0.05)
    pad = max(NEAR_PAD, span)
    fine, coarse = atlas("countries-10m.json"), atlas("countries-110m.json")

    def near(box) -> bool:
        x0, x1, y0, y1 = box
        return x1 >= lon0 - pad and x0 <= lon1 + pad and y1 >= lat0 - pad and y0 <= lat1 + pad

    def touches(a: Atlas, rings) -> bool:  # a ring's own box (a country's spans oceans: France, Russia)
        for ring in rings:
            b = a.boxes[[i if i >= 0 else ~i for i in ring]]
            if near((b[:, 0].min(), b[:, 1].max(), b[:, 2].min(), b[:, 3].max())):
                return True
        return False

    close = [
        c
        for c in (fine.countries if span <= FINE_UP_TO else ())
        if c[0] and near(c[2]) and touches(fine, c[1]) and _points(fine, c[1]) <= FINE_POINTS_AT_MOST
    ]
    close_names = {c[0] for c in close}
    far = [c for c in coarse.countries if c[0] not in close_names]
    tol = span / 500  # about a pixel of the first view (its span over some 600 px) …
    far_tol = min(tol * 10, COARSE_TOL)  # … and ten of them away from it
    view = (lon0 - span, lon1 + span, lat0 - span, lat1 + span)
    land, arcs_fine, arcs_coarse = [], set(), set()
    for atlas_, chosen, used in ((fine, close, arcs_fine), (coarse, far, arcs_coarse)):
        for _, rings, _ in chosen:
            for ring in rings:
                land.append(_thin(_ring(atlas_, ring), *((tol, view, far_tol) if atlas_ is fine else (COARSE_TOL,))))
                used.update(i if i >= 0 else ~i for i in ring)
    lines = [(_thin(fine.arcs[i], tol, view, far_tol), fine.shared[i]) for i in sorted(arcs_fine)]
    lines += [(_thin(coarse.arcs[i], COARSE_TOL), coarse.shared[i]) for i in sorted(arcs_coarse)]
    coast = _joined([arc for arc, shared in lines if not shared])
    borders = _joined([arc for arc, shared in lines if shared])
    names = [
        (name, (x0 + x1) / 2, (y0 + y1) / 2)
        for name, x0, x1, y0, y1 in (fine.names if close else [])
        if name in close_names
        and lon0 - pad <= (x0 + x1) / 2 <= lon1 + pad
        and lat0 - pad <= (y0 + y1) / 2 <= lat1 + pad
    ]
    return Layer(_joined(land), coast, borders, names)
