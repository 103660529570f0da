"""Place names of imported datasets resolved like extracted ones: canonical names and first-level regions.

Mass Mobilization writes "Alma Ata", "Semipalatinsk" or "Almaty; Nur Sultan"; ACLED and CCC give a region in
their own spelling; GDELT "City, Region, Country". :func:`resolve_place` turns such fields into the gazetteer's
canonical town and region names (today's names: Alma-Ata is Almaty, Semipalatinsk is Semey), so that imported
and extracted events of one place meet in one episode. Pure functions over :class:`Gazetteer`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer, Place

#: words of a location field that name no place ("national", "nationwide", "south of"), and list separators
_NOT_PLACE = re.compile(r"\b(?:national(?:ly)?|nationwide|country-?wide|throughout|across|the country|various|several|"
                        r"cities|towns|regions?|provinces?|oblast|south|north|east|west|southern|northern|eastern|"
                        r"western|central|of|in|and|the|other|city)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:;|,|/|\band\b|\bи\b|&)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedPlace:
    """What a dataset row's location fields resolve to."""

    admin1: str | None
    place: str | None
    places: tuple[Place, ...] = ()  # every town or region the field names, in order


def resolve_place(gaz: Gazetteer, country: str | None, place: str | None = None,
                  admin1: str | None = None) -> ResolvedPlace:
    """Canonical town and region for a dataset row.

    gaz: the gazetteer.
    country: ISO alpha-2 of the row; names are looked up in that country only.
    place: the row's town or location field, possibly a list ("Almaty; Nur Sultan", "Kyzylorda and Shymkent").
    admin1: the row's region field, if it has one.
    RETURNS: the first named town's canonical name and its region (else the region the row or the field names);
        names that resolve to nothing are kept as given, so nothing the dataset says is lost.
    """
    region = _region(gaz, country, admin1) if admin1 else None
    found = tuple(_parts(gaz, country, place)) if place else ()
    towns = [p for p in found if p.kind == "place" and (region is None or p.admin1 == region.name)] or \
        [p for p in found if p.kind == "place"]
    if towns:
        return ResolvedPlace(towns[0].admin1 or (region.name if region else admin1), towns[0].name, found)
    regions = [p for p in found if p.kind == "admin1"]
    if region is None and regions:
        region = regions[0]
    kept = None if not place or found or _NOT_PLACE.sub("", place).strip(" ,;.-") == "" else place.strip()
    return ResolvedPlace(region.name if region else (admin1.strip() if admin1 else None), kept, found)


def _region(gaz: Gazetteer, country: str | None, name: str) -> Place | None:
    hit = gaz.lookup(name, country=country)
    if hit is not None and hit.kind == "admin1":
        return hit
    for cand in (f"{name} Region", f"{name} Province", f"{name} Oblast"):
        hit = gaz.lookup(cand, country=country)
        if hit is not None and hit.kind == "admin1":
            return hit
    return None


def _parts(gaz: Gazetteer, country: str | None, field: str):  # type: ignore[no-untyped-def]
    """The towns and regions a location field names, each looked up whole first ("Ust Kamenogorsk"), then found
    inside ("western Kazakhstan; Zhanaozen and Aktau")."""
    for part in (p for p in _SEPARATORS.split(field) if p and p.strip()):
        hit = gaz.lookup(part, country=country)
        if hit is not None and hit.kind in ("place", "admin1"):
            yield hit
            continue
        for m in gaz.find(part):
            if m.place.kind in ("place", "admin1") and (country is None or m.place.country == country) and not m.demonym:
                yield m.place


def dataset_place(country: str | None, place: str | None = None, admin1: str | None = None) -> tuple[str | None, str | None]:
    """(admin1, place) of an imported row, resolved with the packaged gazetteer (see :func:`resolve_place`)."""
    got = _cached(Gazetteer.load(), country, (place or "").strip() or None, (admin1 or "").strip() or None)
    return got.admin1, got.place


_CACHE: dict[tuple[str | None, str | None, str | None], ResolvedPlace] = {}
CACHE_SIZE = 50_000  # distinct (country, place, region) triples kept: imported datasets repeat their places


def _cached(gaz: Gazetteer, country: str | None, place: str | None, admin1: str | None) -> ResolvedPlace:
    key = (country, place, admin1)
    hit = _CACHE.get(key)
    if hit is None:
        hit = resolve_place(gaz, country, place, admin1) if (place or admin1) else ResolvedPlace(None, None)
        if len(_CACHE) < CACHE_SIZE:
            _CACHE[key] = hit
    return hit
