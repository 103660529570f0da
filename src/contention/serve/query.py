"""The event filters and paging of a request, the same for every page and its JSON twin."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Query

from ..errors import InputError
from ..store.filters import SORTABLE

#: Rows per page unless asked; and the most a request may ask for.
PER_PAGE, MAX_PER_PAGE = 50, 500
#: The highest page number a request may ask for (500 million rows at the largest page size): beyond it
#: the offset would not fit a database integer, and no store is that large.
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class EventQuery:
    country: str | None
    region: str | None
    type: str | None
    family: str | None
    modality: str | None
    origin: str | None
    preemptive: bool | None
    date_from: str | None
    date_to: str | None
    q: str | None
    page: int
    per_page: int
    sort: str | None = None
    desc: bool = False

    def filters(self) -> dict[str, Any]:
        """Keyword filters for ``Store.events`` and friends (only those given)."""
        pairs = {"country": self.country, "admin1": self.region, "type": self.type, "family": self.family,
                 "modality": self.modality, "origin": self.origin, "preemptive": self.preemptive,
                 "date_from": self.date_from, "date_to": self.date_to, "text": self.q}
        return {k: v for k, v in pairs.items() if v is not None}

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def params(self, **override: Any) -> dict[str, str]:
        """The query string values as given (for forms and page links)."""
        raw = {"country": self.country, "region": self.region, "type": self.type, "family": self.family,
               "modality": self.modality, "origin": self.origin,
               "preemptive": None if self.preemptive is None else str(self.preemptive).lower(),
               "from": self.date_from, "to": self.date_to, "q": self.q, "page": self.page,
               "per_page": self.per_page if self.per_page != PER_PAGE else None,
               "sort": self.sort, "desc": "1" if self.desc else None}
        raw.update(override)
        return {k: str(v) for k, v in raw.items() if v not in (None, "")}

    def link(self, **override: Any) -> str:
        return "?" + urlencode(self.params(**override))

    def order(self) -> dict[str, Any]:
        """``sort``/``descending`` keywords for ``Store.events`` and ``Store.stream``."""
        return {"sort": self.sort, "descending": self.desc}

    def sort_link(self, column: str) -> str:
        """The link of a column header: sort on it, or reverse it when it is the sort already."""
        desc = (not self.desc) if (self.sort or "date") == column else False
        return self.link(sort=column, desc="1" if desc else None, page=None)

    def toggle(self, name: str, value: Any) -> str:
        """The link that filters on ``name`` = ``value``, or drops that filter when it is set already."""
        current = self.params().get(name)
        return self.link(**{name: None if current == str(value) else value, "page": None})


def _one(name: str, *values: str | None) -> str | None:
    """The value of a filter given under any of its names; two different values are refused."""
    given = {v.strip() for v in values if v is not None and v.strip()}
    if len(given) > 1:
        raise InputError(f"filter {name} given twice with different values: {', '.join(sorted(given))}")
    return given.pop() if given else None


def _blank(value: str | None) -> str | None:
    value = value.strip() if value is not None else None
    return value or None


def event_query(
    country: str | None = Query(None, description="ISO 3166-1 alpha-2, e.g. KZ"),
    region: str | None = Query(None, description="first-level region (admin1), e.g. Mangystau"),
    type: str | None = Query(None, description="event type, e.g. response.detention"),
    family: str | None = Query(None, description="protest, repression, preemption, accommodation, rhetoric"),
    modality: str | None = Query(None, description="asserted, negated, planned, habitual"),
    origin: str | None = Query(None, description="extracted or imported:<dataset>"),
    preemptive: str | None = Query(None, description="true or false"),
    date_from: str | None = Query(None, alias="from", description="earliest date, ISO (2011, 2011-12, 2011-12-16)"),
    date_to: str | None = Query(None, alias="to", description="latest date, ISO"),
    q: str | None = Query(None, description='full-text search: words, word*, "a phrase", a OR b, -word'),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="page number, from 1"),
    per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE, description="rows per page"),
    sort: str | None = Query(None, description="column to sort on: " + ", ".join(SORTABLE)),
    desc: str | None = Query(None, description="1 to sort descending"),
    admin1: str | None = Query(None, description="the same as region (the Python API's name)"),
    search: str | None = Query(None, description="the same as q (the command line's name)"),
    text: str | None = Query(None, description="the same as q (the Python API's name)"),
    date_from_alias: str | None = Query(None, alias="date_from", description="the same as from"),
    date_to_alias: str | None = Query(None, alias="date_to", description="the same as to"),
) -> EventQuery:
    region = _one("region", region, admin1)
    q = _one("q", q, search, text)
    date_from = _one("from", date_from, date_from_alias)
    date_to = _one("to", date_to, date_to_alias)
    pre = _blank(preemptive)
    if pre is not None and pre.lower() not in ("true", "false"):
        raise InputError(f"preemptive must be true or false, not {pre!r}")
    sort = _blank(sort)
    if sort is not None and sort not in SORTABLE:
        raise InputError(f"cannot sort events by {sort!r}: use one of {', '.join(SORTABLE)}")
    return EventQuery(_blank(country), _blank(region), _blank(type), _blank(family), _blank(modality),
                      _blank(origin), None if pre is None else pre.lower() == "true", _blank(date_from),
                      _blank(date_to), _blank(q), page, per_page, sort, _blank(desc) in ("1", "true"))
