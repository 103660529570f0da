"""Mass Mobilization (Clark & Regan) CSV -> protest and state-response events.

Reads ``mmALL_073120_*.csv`` (or a ``.csv.gz`` subset of it) with the csv module, row by
row. Mapping of labels to our types: ``mappings/mm.toml`` (rendered in docs/datasets.md).
Exact duplicate rows (the 2020 file has 17) are counted in ``stats.duplicates`` and read once.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Document, Event
from .countries import iso2_from_name, normalise_country_filter
from ..resolve.places import dataset_place
from .mapping import load_mapping, lookup
from .reading import (ImportedRecord, ImportReader, ReadStats, iso_date, numbered_rows, open_text, run_rows, sole_int,
                      whole_text_evidence)

SOURCE = "mm"
ORIGIN = f"imported:{SOURCE}"
REQUIRED = ("id", "country", "year", "protest", "startday", "startmonth", "startyear",
            "protesterviolence", "location", "participants", "notes")
RESPONSE_COLUMNS = tuple(f"stateresponse{i}" for i in range(1, 8))
DEMAND_COLUMNS = tuple(f"protesterdemand{i}" for i in range(1, 5))
UNKNOWN = {"", "."}


def read(path: str | Path, *, country: str | None = None) -> ImportReader:
    """Stream an MM CSV as ImportedRecords (one per protest row, in file order).

    path: ``.csv`` or ``.csv.gz`` in the MM 2020 layout (31 columns).
    country: keep only this country (ISO alpha-2 or name), or all when None.
    RETURNS (ImportReader): iterator of ImportedRecord; ``.stats`` counts rows, skips, duplicates.
    """
    stats = ReadStats(SOURCE, str(path))
    return ImportReader(_records(Path(path), normalise_country_filter(country), stats), stats)


def _records(path: Path, want: str | None, stats: ReadStats) -> Iterator[ImportedRecord]:
    with open_text(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED + RESPONSE_COLUMNS + DEMAND_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"not a Mass Mobilization file: no column {', '.join(missing)}", where=f"{path}:1")
        seen: set[str] = set()

        def convert(line: int, row: dict[str, str]) -> ImportedRecord | None:
            return _convert(path, line, row, want, seen, stats)

        yield from run_rows(stats, numbered_rows(reader), convert)


def _convert(path: Path, line: int, row: dict[str, str], want: str | None,
             seen: set[str], stats: ReadStats) -> ImportedRecord | None:
    if None in row or any(v is None for v in row.values()):
        raise InputError(f"expected {len(row) - (1 if None in row else 0)} fields, got a different number")
    mm_id = row["id"].strip()
    if not mm_id.isdigit():
        raise InputError(f"id {mm_id!r} is not a number")
    iso = iso2_from_name(row["country"])
    if iso is None:
        raise InputError(f"unknown country {row['country']!r}", hint="add it to datasets/mappings/countries.toml")
    if want is not None and iso != want:
        stats.filtered += 1
        return None
    if mm_id in seen:
        stats.duplicates += 1
        return None
    seen.add(mm_id)
    if row["protest"] not in ("0", "1"):
        raise InputError(f"protest is {row['protest']!r}, expected 0 or 1")
    if row["protest"] == "0":
        stats.no_events += 1
        return None
    return _protest_record(path, line, row, iso)


def _protest_record(path: Path, line: int, row: dict[str, str], iso: str) -> ImportedRecord:
    mm_id = row["id"].strip()
    responses = _response_types(row)
    date = iso_date(row["startyear"], row["startmonth"], row["startday"])
    notes = row["notes"].strip()
    text = notes or _describe(row, date, responses)
    doc = Document(doc_id=f"{SOURCE}:{mm_id}", text=text, lang="en", published=date,
                   title=f"Mass Mobilization {mm_id}", source=str(path))
    evidence = whole_text_evidence(doc)
    admin1, place = dataset_place(iso, " ".join(row["location"].split()) or None)
    common = dict(evidence=evidence, date=date, country=iso, admin1=admin1, place=place, origin=ORIGIN)
    protest_type = _protest_type(row)
    counts = {"participants": n} if (n := sole_int(row["participants"])) is not None else {}
    protest = Event(type=protest_type, actor=row.get("protesteridentity", "").strip() or None,
                    counts=counts, claims=_claims(row), source_id=mm_id,
                    rule=f"mm:protesterviolence={row['protesterviolence'] or 'NA'}", **common)
    actor_types = load_mapping(SOURCE).get("actor_type", {})
    events = [protest] + [
        Event(type=t, actor_type=actor_types.get(t), source_id=f"{mm_id}:{t.removeprefix('response.')}",
              rule=f"mm:stateresponse={'+'.join(labels)}", **common)
        for t, labels in responses.items()
    ]
    return ImportedRecord(source=SOURCE, source_id=mm_id, path=str(path), line=line, events=tuple(events),
                          document=doc, raw=dict(row), text_origin="notes" if notes else "synthesized")


def _protest_type(row: dict[str, str]) -> str:
    table = load_mapping(SOURCE)["protest"]
    violence = row["protesterviolence"].strip()
    if violence not in ("", "0", "1"):
        raise InputError(f"protesterviolence is {violence!r}, expected 0, 1 or empty")
    return str(table["violent"] if violence == "1" else table["default"])


def _response_types(row: dict[str, str]) -> dict[str, list[str]]:
    """Our response type -> the MM labels that gave it, in the order of first appearance."""
    table = lookup(SOURCE, "stateresponse")
    out: dict[str, list[str]] = {}
    for col in RESPONSE_COLUMNS:
        label = " ".join(row[col].split()).casefold()
        if label in UNKNOWN:
            continue
        if label not in table:
            raise InputError(f"{col} {row[col]!r} is not a known MM state response",
                             hint="add it to datasets/mappings/mm.toml")
        for our in table[label]:
            out.setdefault(our, []).append(label)
    return out


def _claims(row: dict[str, str]) -> tuple[str, ...]:
    table = lookup(SOURCE, "protesterdemand")
    claims: list[str] = []
    for col in DEMAND_COLUMNS:
        label = " ".join(row[col].split()).casefold()
        if label in UNKNOWN:
            continue
        if label not in table:
            raise InputError(f"{col} {row[col]!r} is not a known MM demand", hint="add it to datasets/mappings/mm.toml")
        claims += [c for c in table[label] if c not in claims]
    return tuple(claims)


def _describe(row: dict[str, str], date: str | None, responses: dict[str, list[str]]) -> str:
    """A plain description from the row's fields, for rows without notes."""
    where = row["location"].strip() or "an unnamed place"
    said = "; ".join(label for labels in responses.values() for label in labels) or "none recorded"
    return (f"Mass Mobilization event {row['id']}: protest in {where}, {row['country']}, "
            f"starting {date or 'on an unknown date'}. State responses: {said}.")


def notes_dates(record: ImportedRecord) -> tuple[str | None, str | None]:
    """(reference date, last day) for coding a row's notes: MM notes summarise a row up to its
    end, so relative dates in them ("on dec 16") are read from the row's end date."""
    raw = record.raw
    try:
        end = iso_date(raw.get("endyear", ""), raw.get("endmonth", ""), raw.get("endday", ""))
    except InputError:
        end = None
    return end or (record.document.published if record.document else None), end
