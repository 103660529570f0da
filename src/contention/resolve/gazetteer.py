"""Temporary minimal gazetteer (replaced by the full offline gazetteer)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str
    admin1: str | None
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    place: Place
    demonym: bool = False


_P = [
    ("Zhanaozen", "place", "KZ", "Mangystau", ["Zhanaozen", "Janaozen", "Жанаозен", "Жаңаөзен", "Novy Uzen"]),
    ("Aktau", "place", "KZ", "Mangystau", ["Aktau", "Актау", "Ақтау"]),
    ("Mangystau", "admin1", "KZ", "Mangystau", ["Mangystau", "Mangistau", "Manghystau", "Мангистау", "Маңғыстау"]),
    ("Almaty", "place", "KZ", "Almaty", ["Almaty", "Almati", "Алматы"]),
    ("Astana", "place", "KZ", "Astana", ["Astana", "Nur-Sultan", "Nursultan", "Астана", "Нур-Султан"]),
    ("Kazakhstan", "country", "KZ", None, ["Kazakhstan", "Казахстан", "Kazakh", "казахск"]),
]


class Gazetteer:
    def __init__(self) -> None:
        self._names: dict[str, Place] = {}
        for name, kind, cc, a1, forms in _P:
            p = Place(name, kind, cc, a1)
            for f in forms:
                self._names[f.lower()] = p
        alts = sorted(self._names, key=len, reverse=True)
        self._rx = re.compile(r"\b(" + "|".join(re.escape(a) for a in alts) + r")\w*", re.IGNORECASE)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "Gazetteer":
        return cls()

    def find(self, text: str, *, lang: str | None = None) -> list[PlaceMention]:
        return [PlaceMention(m.start(), m.end(), m.group(0), self._names[m.group(1).lower()]) for m in self._rx.finditer(text)]

    def lookup(self, name: str, *, country: str | None = None) -> Place | None:
        return self._names.get(name.lower())
