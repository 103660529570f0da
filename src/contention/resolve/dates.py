"""Temporary minimal date finder (replaced by the multilingual date grammar)."""
from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"])}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    surface: str
    year: int | None
    month: int | None
    day: int | None
    role: str = "point"
    relative: bool = False

    def iso(self) -> str | None:
        if self.year is None:
            return None
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


_RX = re.compile(r"\b(?:(?P<m1>" + "|".join(_MONTHS) + r")\s+(?P<d1>\d{1,2})(?:,\s*(?P<y1>\d{4}))?|(?P<m2>"
                 + "|".join(_MONTHS) + r")\s+(?P<y2>\d{4})|in\s+(?P<y3>(?:19|20)\d\d))\b", re.IGNORECASE)


def find_dates(text: str, *, lang: str, anchor: str | None = None, future: bool = False) -> list[DateMention]:
    out = []
    for m in _RX.finditer(text):
        mon = m.group("m1") or m.group("m2")
        y = m.group("y1") or m.group("y2") or m.group("y3")
        year = int(y) if y else (int(anchor[:4]) if anchor else None)
        out.append(DateMention(m.start(), m.end(), m.group(0), year, _MONTHS[mon.lower()] if mon else None,
                               int(m.group("d1")) if m.group("d1") else None))
    return out


def parse_published(value: str) -> str | None:
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value.strip())
    return m.group(0) if m else None
