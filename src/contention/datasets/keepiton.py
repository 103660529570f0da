"""Access Now #KeepItOn STOP data (CSV sheets) -> ``response.information_control`` events.

Column names differ by year (case, trailing spaces): they are trimmed and lower-cased.
The 2020 CSV in Access Now's own layout has a note on line 1 and the header on line 2;
the header is the first of the first three lines that has a ``start_date`` column.
Mapping: ``mappings/keepiton.toml``.
"""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Document, Event, content_hash
from .countries import iso2_from_name, normalise_country_filter
from ..resolve.places import dataset_place
from .mapping import load_mapping, lookup
from .reading import ImportedRecord, ImportReader, ReadStats, numbered_rows, open_text, run_rows, whole_text_evidence

SOURCE = "keepiton"
ORIGIN = f"imported:{SOURCE}"
_HEADER_SEARCH = 3
_TYPE_COLUMNS = ("shutdown_type", "shutdown_type_new", "shutdown_type_group")
_TEXT_COLUMNS = ("event", "actual_cause_details", "notes")
_LINK_COLUMNS = ("an_link", "info_source_link", "news_link")


def read(path: str | Path, *, country: str | None = None) -> ImportReader:
    """Stream a #KeepItOn CSV sheet as ImportedRecords (protest-related shutdowns only).

    path: one sheet exported as CSV (``kio_<year>.csv``) or Access Now's 2020 CSV.
    country: keep only this country (ISO alpha-2 or name), or all when None.
    RETURNS (ImportReader): iterator of ImportedRecord; ``.stats`` counts rows and skips.
    """
    p = Path(path)
    if p.suffix.lower() in (".xlsx", ".xls"):
        raise InputError("the workbook itself is not read", where=str(p),
                         hint="export each sheet as CSV, as shared/data/access-now-keepiton/PROVENANCE.md describes")
    stats = ReadStats(SOURCE, str(p))
    return ImportReader(_records(p, normalise_country_filter(country), stats), stats)


def _records(path: Path, want: str | None, stats: ReadStats) -> Iterator[ImportedRecord]:
    with open_text(path) as fh:
        reader = csv.reader(fh)
        header: list[str] | None = None
        for _ in range(_HEADER_SEARCH):
            names = [n.strip().lower() for n in next(reader, [])]
            if "start_date" in names and "country" in names:
                header = names
                break
        if header is None:
            raise InputError("no header with start_date and country in the first lines", where=str(path))
        seen: set[str] = set()


        def convert(line: int, fields: list[str]) -> ImportedRecord | None:
            if len(fields) > len(header) and any(f.strip() for f in fields[len(header):]):
                raise InputError(f"{len(fields)} fields, the header has {len(header)}")
            row = dict(zip(header, (fields + [""] * len(header))[:len(header)], strict=True))
            return _convert(path, line, row, want, seen, stats)

        rows = ((line, fields) for line, fields in numbered_rows(reader) if any(f.strip() for f in fields))
        yield from run_rows(stats, rows, convert)


def parse_date(text: str) -> str:
    """ISO date of a KeepItOn start date (``2022-01-04`` or ``1/4/2022``); InputError otherwise."""
    t = text.strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(t, fmt).date().isoformat()
        except ValueError:
            continue
    raise InputError(f"start_date {text!r} is not a date")


def _first(row: dict[str, str], columns: tuple[str, ...]) -> str:
    return next((row[c].strip() for c in columns if row.get(c, "").strip()), "")


def _convert(path: Path, line: int, row: dict[str, str], want: str | None, seen: set[str],
             stats: ReadStats) -> ImportedRecord | None:
    iso = iso2_from_name(row["country"])
    if iso is None:
        raise InputError(f"unknown country {row['country']!r}", hint="add it to datasets/mappings/countries.toml")
    if want is not None and iso != want:
        stats.filtered += 1
        return None
    date = parse_date(row["start_date"])
    cause = " ".join(row.get("actual_cause", "").split()).casefold()
    types = [t for phrase, ts in lookup(SOURCE, "actual_cause").items() if phrase in cause for t in ts]
    if not types:
        stats.no_events += 1
        return None
    area = " ".join(row.get("area_name", "").split())
    kind = _first(row, _TYPE_COLUMNS)
    source_id = f"{iso}:{date}:{content_hash(f'{area}|{kind}'.casefold())[:8]}"
    if source_id in seen:
        stats.duplicates += 1
        return None
    seen.add(source_id)
    return _record(path, line, row, iso, date, area, kind, source_id, types[0])


def _actor_type(ordered_by: str) -> str | None:
    low = ordered_by.casefold()
    return next((v for k, v in load_mapping(SOURCE)["actor_type"].items() if k in low), None)


def _record(path: Path, line: int, row: dict[str, str], iso: str, date: str, area: str, kind: str,
            source_id: str, etype: str) -> ImportedRecord:
    described = _first(row, _TEXT_COLUMNS)
    text = described or (f"#KeepItOn: {kind or 'shutdown'} in {area or row['country'].strip()} from {date}, "
                         f"cause: {row.get('actual_cause', '').strip()}.")
    doc = Document(doc_id=f"{SOURCE}:{source_id}", text=text, lang="en", published=date, source=str(path),
                   url=_first(row, _LINK_COLUMNS).split(",")[0].strip() or None, title=f"#KeepItOn {source_id}")
    nationwide = not area or area.casefold() in ("nationwide", "national", "all")
    ordered_by = row.get("ordered_by", "").strip()
    admin1, place = (None, None) if nationwide else dataset_place(iso, area)
    event = Event(type=etype, evidence=whole_text_evidence(doc), date=date, country=iso, admin1=admin1,
                  place=place, actor=ordered_by or None, actor_type=_actor_type(ordered_by),
                  origin=ORIGIN, rule=f"keepiton:actual_cause={row.get('actual_cause', '').strip()}",
                  source_id=source_id)
    return ImportedRecord(source=SOURCE, source_id=source_id, path=str(path), line=line, events=(event,),
                          document=doc, raw=dict(row), text_origin="notes" if described else "synthesized")
