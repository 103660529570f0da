"""The event filters shared by events(), events_frame(), count_events() and export(), as SQL."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..errors import StoreError
from . import fts
from .rows import date_bounds


@dataclass(frozen=True)
class Filters:
    """Event filters; None means "any". Dates are ISO (``2011``, ``2011-12``, ``2011-12-16``).

    An event matches a date range when its own span (a month-only date covers the month)
    overlaps the range; events without a readable date match no date filter.
    ``text`` is full-text search over the event's evidence and its document's text.
    """

    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    family: str | None = None
    modality: str | None = None
    origin: str | None = None
    preemptive: bool | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None
    doc_id: str | None = None
    event_key: str | None = None

    def __post_init__(self) -> None:
        if self.country is not None:
            object.__setattr__(self, "country", country_code(self.country))
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                _bound(value, 0)  # an impossible date is refused here, whoever asks

    @classmethod
    def of(cls, filters: dict[str, Any]) -> Filters:
        """Filters from keyword arguments: our names, or the command line's and the web API's (``ALIASES``)."""
        names = {f.name for f in fields(cls)}
        given: dict[str, Any] = {}
        for name, value in filters.items():
            real = ALIASES.get(name, name)
            if real in given and value is not None and given[real] is not None and given[real] != value:
                raise StoreError(f"event filter {real} given twice ({name}={value!r})")
            if value is not None or real not in given:
                given[real] = value
        unknown = sorted(set(given) - names)
        if unknown:
            raise StoreError(f"unknown event filter {', '.join(unknown)}",
                             hint=f"use one of {', '.join(sorted(names | set(ALIASES)))}")
        return cls(**given)


#: The other names the same filters have: the command line's (--region, --search, --from, --to) and the
#: web API's (region, q, from, to), so that every interface takes every name.
ALIASES = {"region": "admin1", "search": "text", "q": "text", "from": "date_from", "to": "date_to",
           "from_": "date_from", "type_": "type"}


def country_code(value: str) -> str:
    """The ISO alpha-2 code a country filter means: "KZ", "kz" or a name such as "Kazakhstan" or "Russia".

    Two letters are taken as a code as they are (upper-cased), known to pycountry or not.
    """
    from ..datasets.countries import iso2_from_name

    text = str(value).strip()
    if len(text) == 2 and text.isascii() and text.isalpha():
        return text.upper()
    code = iso2_from_name(text)
    if code is None:
        raise StoreError(f"country filter {value!r} is not a country", hint="give an ISO 3166-1 alpha-2 code such as KZ")
    return code


_EQUAL = ("country", "admin1", "type", "family", "modality", "origin", "doc_id", "event_key")


def where(f: Filters, dialect: str) -> tuple[str, dict[str, Any]]:
    """A WHERE clause over ``events e`` (``1=1`` when unfiltered) and its parameters."""
    clauses, params = [], {}
    for name in _EQUAL:
        value = getattr(f, name)
        if value is not None:
            clauses.append(f"e.{name} = :{name}")
            params[name] = value
    if f.preemptive is not None:
        clauses.append("e.preemptive = :preemptive")
        params["preemptive"] = bool(f.preemptive) if dialect == "postgresql" else int(bool(f.preemptive))
    if f.date_from is not None:
        clauses.append("e.date_hi >= :date_from")
        params["date_from"] = _bound(f.date_from, 0)
    if f.date_to is not None:
        clauses.append("e.date_lo <= :date_to")
        params["date_to"] = _bound(f.date_to, 1)
    if f.text is not None:
        clause, more = text_clause(f.text, dialect)
        clauses.append(clause)
        params.update(more)
    return (" AND ".join(clauses) or "1=1"), params


def _bound(date: str, which: int) -> str:
    bound = date_bounds(str(date))[which]
    if bound is None:
        raise StoreError(f"date filter {date!r} is not a date", hint="use 2011, 2011-12 or 2011-12-16")
    return bound


def text_clause(text: str, dialect: str) -> tuple[str, dict[str, Any]]:
    """Events whose evidence, or whose document, matches the search ``text``."""
    query = fts.parse(text)
    if query.empty:
        return "1=0", {}
    if dialect == "sqlite":
        return ("(e.event_key IN (SELECT ev.event_key FROM evidence ev WHERE ev.id IN "
                "(SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :fts))"
                " OR e.doc_id IN (SELECT d.doc_id FROM documents d WHERE d.id IN "
                "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts)))"), {"fts": fts.to_fts5(query)}
    expr, params = fts.to_tsquery(query, prefix="fts")
    return (f"(e.event_key IN (SELECT ev.event_key FROM evidence ev WHERE ev.tsv @@ {expr})"
            f" OR e.doc_id IN (SELECT d.doc_id FROM documents d WHERE d.tsv @@ {expr}))"), params


#: Columns a listing may be sorted on (the name in a URL -> the SQL expression).
SORTABLE = {"date": "e.date_lo", "type": "e.type", "family": "e.family", "country": "e.country",
            "where": "e.country, e.admin1, e.place",
            "region": "e.admin1", "place": "e.place", "actor": "e.actor", "modality": "e.modality",
            "origin": "e.origin", "preemptive": "e.preemptive", "doc": "e.doc_id", "key": "e.event_key"}


def order_by(dialect: str, sort: str | None = None, descending: bool = False) -> str:
    """Stable order for paging: by ``sort`` (a SORTABLE name; default the date), then key.

    Missing values come first ascending and last descending, on both back ends.
    """
    if sort is not None and sort not in SORTABLE:
        raise StoreError(f"cannot sort events by {sort!r}", hint=f"use one of {', '.join(SORTABLE)}")
    columns = SORTABLE[sort or "date"].split(", ")
    way = "DESC" if descending else "ASC"
    nulls = "" if dialect != "postgresql" else (" NULLS LAST" if descending else " NULLS FIRST")
    keys = [f"{c} {way}{nulls}" for c in columns] + ([] if columns == ["e.event_key"] else [f"e.event_key {way}"])
    return ", ".join(keys)
