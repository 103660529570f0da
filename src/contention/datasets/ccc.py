"""Crowd Counting Consortium CSV (phase 3 public layout) -> protest events and responses.

The phase 3 file is UTF-8 with a few stray Latin-1 bytes (read as Latin-1, see
``reading.open_text``), CRLF line ends and ``NA`` for missing values. Mapping:
``mappings/ccc.toml``.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pycountry

from ..errors import InputError
from ..records import Document, Event, content_hash
from .countries import normalise_country_filter
from ..resolve.places import dataset_place
from .mapping import load_mapping, lookup
from .reading import (ImportedRecord, ImportReader, ReadStats, iso_date, numbered_rows, open_text, run_rows, sole_int,
                      whole_text_evidence)

SOURCE = "ccc"
ORIGIN = f"imported:{SOURCE}"
REQUIRED = ("date", "locality", "state", "event_type", "arrests_any", "arrests", "police_measures", "notes")


def read(path: str | Path, *, country: str | None = None) -> ImportReader:
    """Stream a CCC CSV as ImportedRecords.

    path: CCC phase 3 public CSV (``.csv`` or ``.csv.gz``).
    country: keep only this country (``US``, or a territory such as ``PR``), or all when None.
    RETURNS (ImportReader): iterator of ImportedRecord; ``.stats`` counts rows, skips, duplicates.
    """
    stats = ReadStats(SOURCE, str(path))
    return ImportReader(_records(Path(path), normalise_country_filter(country), stats), stats)


def _records(path: Path, want: str | None, stats: ReadStats) -> Iterator[ImportedRecord]:
    with open_text(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"not a CCC phase 3 file: no column {', '.join(missing)}", where=f"{path}:1")
        seen: set[str] = set()

        rows = ((line, {k: ("" if v == "NA" else v) for k, v in row.items()}) for line, row in numbered_rows(reader))
        yield from run_rows(stats, rows, lambda line, row: _convert(path, line, row, want, seen, stats))


def _convert(path: Path, line: int, row: dict[str, str], want: str | None, seen: set[str],
             stats: ReadStats) -> ImportedRecord | None:
    if None in row or any(v is None for v in row.values()):
        raise InputError("wrong number of fields")
    state = row["state"].strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", state):
        raise InputError(f"state {row['state']!r} is not a two-letter postal code")
    iso = load_mapping(SOURCE)["territories"].get(state, "US")
    if want is not None and iso != want:
        stats.filtered += 1
        return None
    parts = row["date"].strip().split("-")
    if len(parts) != 3:
        raise InputError(f"date {row['date']!r} is not YYYY-MM-DD")
    date = iso_date(*parts)
    source_id = f"{date}:{state}:{content_hash('|'.join(row.values()))[:10]}"
    if source_id in seen:
        stats.duplicates += 1
        return None
    seen.add(source_id)
    return _record(path, line, row, iso, state, date, source_id)


def _matches(table: dict[str, tuple[str, ...]], text: str) -> list[str]:
    low = text.casefold()
    return [t for phrase, types in table.items() if re.search(rf"\b{re.escape(phrase)}\b", low) for t in types]


def _record(path: Path, line: int, row: dict[str, str], iso: str, state: str, date: str | None,
            source_id: str) -> ImportedRecord:
    protest_type = (_matches(lookup(SOURCE, "event_type"), row["event_type"]) or ["protest.demonstration"])[0]
    responses = list(dict.fromkeys(_matches(lookup(SOURCE, "police_measures"), row["police_measures"])))
    detained = sole_int(row["arrests"])
    if row["arrests_any"].strip() == "1":
        responses.insert(0, "response.detention")
    notes = row["notes"].strip()
    place = row.get("resolved_locality", "").strip() or row["locality"].strip() or None
    text = notes or (f"CCC event: {row['event_type'] or 'protest'} in {place or 'an unnamed place'}, {state}, on {date}"
                     f"{' by ' + row['organizations'] if row.get('organizations') else ''}.")
    doc = Document(doc_id=f"{SOURCE}:{source_id}", text=text, lang="en", published=date, source=str(path),
                   title=row.get("title") or None, url=row.get("source1") or None)
    sub = pycountry.subdivisions.get(code=f"US-{state}") if iso == "US" else None
    admin1, place = dataset_place(iso, place, str(sub.name) if sub else None)
    common = dict(evidence=whole_text_evidence(doc), date=date, country=iso, admin1=admin1, place=place, origin=ORIGIN)
    size = sole_int(row.get("size_mean", ""))
    events = [Event(type=protest_type, actor=row.get("organizations", "").strip() or None,
                    counts={"participants": size} if size else {}, source_id=source_id,
                    rule=f"ccc:event_type={row['event_type']}", **common)]
    events += [Event(type=t, actor="police", actor_type="security_forces",
                     counts={"detained": detained} if t == "response.detention" and detained else {},
                     source_id=f"{source_id}:{t.removeprefix('response.')}", rule=f"ccc:{t}", **common)
               for t in responses]
    return ImportedRecord(source=SOURCE, source_id=source_id, path=str(path), line=line, events=tuple(events),
                          document=doc, raw=dict(row), text_origin="notes" if notes else "synthesized")
