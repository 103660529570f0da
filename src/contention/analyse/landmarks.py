"""Landmark episodes: a small data file of well-known ones per country, and checks on user input.

``analyse/data/landmarks.toml`` lists, per ISO country code, dates and names of episodes the
literature treats as turning points (Zhanaozen, Bolotnaya, Andijan ...). They are the default
of ``learn``, ``report`` and the dashboard; any other date can be given.

DOCS: docs/analysis.md#landmarks
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from .robustness import parse_date


@dataclass(frozen=True)
class Landmark:
    """A landmark date (ISO) and what happened (``""`` when the user gave only a date)."""

    date: str
    name: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.date})" if self.name else self.date


@functools.cache
def known_landmarks() -> dict[str, tuple[Landmark, ...]]:
    """Country code -> its landmarks from the data file, the default first."""
    text = resources.files(__package__).joinpath("data/landmarks.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {code: tuple(Landmark(str(x["date"]), str(x["name"])) for x in entry["landmarks"])
            for code, entry in data.items() if isinstance(entry, dict)}


def check_country(country: str | None) -> str:
    """The ISO 3166-1 alpha-2 code of ``country`` (a code or a name); ValueError when unknown."""
    from ..datasets.countries import iso2_from_name

    text = (country or "").strip()
    if not text:
        raise ValueError("no country given (expected an ISO 3166-1 alpha-2 code such as KZ)")
    code = iso2_from_name(text)
    if code is None or (len(text) == 2 and code != text.upper()):
        raise ValueError(f"unknown country {country!r} (expected an ISO 3166-1 alpha-2 code such as KZ or RU)")
    return code


def resolve_landmarks(country: str, landmark: str | None = None) -> tuple[Landmark, ...]:
    """The landmarks to analyse for ``country``.

    landmark: ``None`` (the country's default from the data file), a date, or several dates
        separated by commas; a date the file knows for the country gets its name.
    RETURNS (tuple): one or more Landmark. ValueError when a date is malformed or when no
        landmark is given and the file has none for the country.
    """
    known = {lm.date: lm for lm in known_landmarks().get(country, ())}
    if landmark is None or not str(landmark).strip():
        default = known_landmarks().get(country)
        if not default:
            raise ValueError(f"no landmark known for {country}; give one with --landmark YYYY-MM-DD")
        return (default[0],)
    out = []
    for part in str(landmark).split(","):
        part = part.strip()
        if not part:
            continue
        date = parse_date(part, what="landmark").strftime("%Y-%m-%d") if len(part) == 10 else None
        if date is None:
            raise ValueError(f"landmark {part!r} is not a date (expected YYYY-MM-DD)")
        out.append(known.get(date, Landmark(date)))
    if not out:
        raise ValueError(f"landmark {landmark!r} is not a date (expected YYYY-MM-DD)")
    return tuple(dict.fromkeys(out))
