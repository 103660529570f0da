"""ACLED CSV export (the 31-column layout of 2023, older layouts too) -> events.

ACLED rows may not be bundled with contention: this reads a file the user downloaded.
Mapping: ``mappings/acled.toml``. Dates: ISO ``YYYY-MM-DD``, ``DD-MM-YYYY`` and
``DD Month YYYY`` are accepted; anything else makes the row a warning.
"""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Document, Event
from .countries import iso2_from_name, iso2_from_numeric, normalise_country_filter
from ..resolve.places import dataset_place
from .mapping import load_mapping, lookup
from .reading import (ImportedRecord, ImportReader, ReadStats, numbered_rows, open_text, run_rows, sole_int,
                      whole_text_evidence)

SOURCE = "acled"
ORIGIN = f"imported:{SOURCE}"
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1",
            "actor2", "inter2", "country", "admin1", "location", "notes", "fatalities")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


def read(path: str | Path, *, country: str | None = None) -> ImportReader:
    """Stream an ACLED CSV export as ImportedRecords.

    path: the ``.csv`` (or ``.csv.gz``) ACLED export, header on line 1.
    country: keep only this country (ISO alpha-2 or name), or all when None.
    RETURNS (ImportReader): iterator of ImportedRecord; ``.stats`` counts rows and skips.
    """
    stats = ReadStats(SOURCE, str(path))
    return ImportReader(_records(Path(path), normalise_country_filter(country), stats), stats)


def _records(path: Path, want: str | None, stats: ReadStats) -> Iterator[ImportedRecord]:
    with open_text(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"not an ACLED export: no column {', '.join(missing)}", where=f"{path}:1")

        yield from run_rows(stats, numbered_rows(reader), lambda line, row: _convert(path, line, row, want, stats))


def parse_date(text: str) -> str:
    """ISO date of an ACLED ``event_date``; InputError when it is in no known layout."""
    t = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt).date().isoformat()
        except ValueError:
            continue
    raise InputError(f"event_date {text!r} is not a date (expected YYYY-MM-DD)")


def _convert(path: Path, line: int, row: dict[str, str], want: str | None, stats: ReadStats) -> ImportedRecord | None:
    if None in row or any(v is None for v in row.values()):
        raise InputError("wrong number of fields")
    acled_id = row["event_id_cnty"].strip()
    if not acled_id:
        raise InputError("event_id_cnty is empty")
    iso = iso2_from_numeric(row.get("iso", "")) or iso2_from_name(row["country"])
    if iso is None:
        raise InputError(f"unknown country {row['country']!r} (iso {row.get('iso', '')!r})")
    if want is not None and iso != want:
        stats.filtered += 1
        return None
    date = parse_date(row["event_date"])
    pair = f"{row['event_type'].strip()} / {row['sub_event_type'].strip()}"
    types = lookup(SOURCE, "sub_event_type").get(pair.casefold(), ())
    if not types:
        stats.no_events += 1
        return None
    return _record(path, line, row, iso, date, pair, types)


def _record(path: Path, line: int, row: dict[str, str], iso: str, date: str, pair: str,
            types: tuple[str, ...]) -> ImportedRecord:
    acled_id = row["event_id_cnty"].strip()
    fatalities = sole_int(row["fatalities"])
    if row["fatalities"].strip() and fatalities is None:
        raise InputError(f"fatalities {row['fatalities']!r} is not a number")
    rules = load_mapping(SOURCE)["rules"]
    if fatalities and pair in rules["lethal_if_fatalities"]:
        types = tuple("response.lethal_force" if t == "response.physical_force" else t for t in types)
    notes = row["notes"].strip()
    text = notes or f"ACLED event {acled_id}: {pair} in {row['location']}, {row['country']}, on {date}."
    doc = Document(doc_id=f"{SOURCE}:{acled_id}", text=text, lang="en", published=date, source=str(path),
                   title=f"ACLED {acled_id}")
    killed_on = "response.lethal_force" if "response.lethal_force" in types else types[0]
    events = tuple(_event(t, row, doc, iso, date, pair, acled_id, fatalities if t == killed_on else None)
                   for t in types)
    return ImportedRecord(source=SOURCE, source_id=acled_id, path=str(path), line=line, events=events,
                          document=doc, raw=dict(row), text_origin="notes" if notes else "synthesized")


def _event(t: str, row: dict[str, str], doc: Document, iso: str, date: str, pair: str, acled_id: str,
           killed: int | None) -> Event:
    inter_types = load_mapping(SOURCE)["rules"]["inter_actor_type"]
    if t.startswith("protest."):
        actor, inter, sid = row["actor1"], row["inter1"], acled_id
    else:  # the state side: whichever actor is state forces (inter 1), else actor1
        side = "2" if row["inter2"].strip().removesuffix(".0") == "1" else "1"
        actor, inter, sid = row[f"actor{side}"], row[f"inter{side}"], f"{acled_id}:{t.removeprefix('response.')}"
    counts = {"killed": killed} if killed else {}
    admin1, place = dataset_place(iso, row["location"].strip() or None, row["admin1"].strip() or None)
    return Event(type=t, evidence=whole_text_evidence(doc), date=date, country=iso,
                 admin1=admin1, place=place,
                 actor=actor.strip() or None, actor_type=inter_types.get(inter.strip().removesuffix(".0")),
                 counts=counts, origin=ORIGIN, rule=f"acled:{pair}", source_id=sid)
