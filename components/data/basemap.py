"""The map's base layer, offline: coastlines and country borders from Natural Earth (public domain), as the
world-atlas package (ISC) builds them into TopoJSON, shipped in components/resources/basemap/ and checked by
hash when read (see its README). Nothing is fetched: the lines near the view are drawn into the figure itself.

    coast, borders, names = lines_near(lon0, lon1, lat0, lat1)   # lon/lat with None between lines

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
    names = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
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
    return Atlas(arcs, boxes, uses >= 2, names)


def _joined(parts: list[np.ndarray]) -> tuple[list, list]:
    xs, ys = [], []
    for a in parts:
        xs += [*a[:, 0].round(4).tolist(), None]
        ys += [*a[:, 1].round(4).tolist(), None]
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
