"""GDELT event exports (1.0: 57 or 58 columns; 2.0: 61 columns) -> events.

Tab-separated, no header. The layout is decided per line by its number of fields, since
files that join samples mix them: 57 = GDELT 1.0 back-file (no SOURCEURL), 58 = GDELT 1.0
daily, 61 = GDELT 2.0 (ADM2 codes after each ADM1 code). Any other count is a warning.
Country codes in ``*Geo_CountryCode`` are FIPS 10-4 and are converted to ISO.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Document, Event
from .countries import iso2_from_fips, normalise_country_filter
from ..resolve.places import dataset_place
from .mapping import load_mapping, lookup
from .reading import ImportedRecord, ImportReader, ReadStats, iso_date, open_text, run_rows, whole_text_evidence

SOURCE = "gdelt"
ORIGIN = f"imported:{SOURCE}"

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")


def _columns(adm2: bool) -> tuple[str, ...]:
    def geo(prefix: str) -> list[str]:
        names = [f"{prefix}Geo_{g}" for g in _GEO]
        return names[:4] + [f"{prefix}Geo_ADM2Code"] + names[4:] if adm2 else names

    return tuple(
        ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
        + [f"Actor1{a}" for a in _ACTOR] + [f"Actor2{a}" for a in _ACTOR]
        + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
           "NumMentions", "NumSources", "NumArticles", "AvgTone"]
        + geo("Actor1") + geo("Actor2") + geo("Action") + ["DATEADDED", "SOURCEURL"]
    )


#: number of fields on a line -> its column names
LAYOUTS: dict[int, tuple[str, ...]] = {
    58: _columns(adm2=False),
    57: _columns(adm2=False)[:57],
    61: _columns(adm2=True),
}


def read(path: str | Path, *, country: str | None = None) -> ImportReader:
    """Stream a GDELT events export (``.CSV``/``.tsv``, optionally ``.gz``) as ImportedRecords.

    path: tab-separated GDELT 1.0 or 2.0 event rows without a header; layouts may be mixed.
    country: keep only events whose ActionGeo country is this ISO alpha-2 (or name).
    RETURNS (ImportReader): iterator of ImportedRecord; ``.stats`` counts rows and skips.
    """
    stats = ReadStats(SOURCE, str(path))
    return ImportReader(_records(Path(path), normalise_country_filter(country), stats), stats)


def _records(path: Path, want: str | None, stats: ReadStats) -> Iterator[ImportedRecord]:
    with open_text(path) as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        numbered = ((i, r) for i, r in enumerate(rows, start=1) if r)
        yield from run_rows(stats, numbered, lambda line, r: _convert(path, line, r, want, stats))


def parse_row(fields: list[str]) -> dict[str, str]:
    """Column name -> value of one GDELT line, by its field count; InputError for other counts."""
    names = LAYOUTS.get(len(fields))
    if names is None:
        raise InputError(f"{len(fields)} tab-separated fields; GDELT rows have 57, 58 or 61")
    return dict(zip(names, fields, strict=True))


def _convert(path: Path, line: int, fields: list[str], want: str | None, stats: ReadStats) -> ImportedRecord | None:
    row = parse_row(fields)
    gid = row["GLOBALEVENTID"].strip()
    if not gid.isdigit():
        raise InputError(f"GLOBALEVENTID {gid!r} is not a number")
    sqldate = row["SQLDATE"].strip()
    if len(sqldate) != 8 or not sqldate.isdigit():
        raise InputError(f"SQLDATE {sqldate!r} is not YYYYMMDD")
    date = iso_date(sqldate[:4], sqldate[4:6], sqldate[6:])
    fips = row["ActionGeo_CountryCode"].strip()
    iso = iso2_from_fips(fips) if fips else None
    if fips and iso is None:
        raise InputError(f"ActionGeo_CountryCode {fips!r} is not a FIPS 10-4 country code")
    if want is not None and iso != want:
        stats.filtered += 1
        return None
    types = _types(row)
    if not types:
        stats.no_events += 1
        return None
    return _record(path, line, row, iso, date, types)


def _types(row: dict[str, str]) -> tuple[str, ...]:
    table = lookup(SOURCE, "cameo")
    code = row["EventCode"].strip()
    for n in range(len(code), 1, -1):
        if code[:n].casefold() in table:
            types = table[code[:n].casefold()]
            break
    else:
        return ()
    if any(not t.startswith("protest.") for t in types) and not _state_against_protesters(row):
        return ()
    return types


def _state_against_protesters(row: dict[str, str]) -> bool:
    actors = load_mapping(SOURCE)["actors"]
    return row["Actor1Type1Code"].strip() in actors["state"] and row["Actor2Type1Code"].strip() in actors["protesting"]


def _places(row: dict[str, str]) -> tuple[str | None, str | None]:
    """admin1 and place from ActionGeo_FullName ("City, Region, Country" or "Region, Country")."""
    parts = [p.strip() for p in row["ActionGeo_FullName"].split(",")]
    kind = row["ActionGeo_Type"].strip()
    if kind in ("3", "4"):
        return (parts[1] if len(parts) >= 3 else None), parts[0] or None
    if kind in ("2", "5") and len(parts) >= 2:
        return parts[0] or None, None
    return None, None


def _record(path: Path, line: int, row: dict[str, str], iso: str | None, date: str | None,
            types: tuple[str, ...]) -> ImportedRecord:
    gid = row["GLOBALEVENTID"].strip()
    admin1, place = dataset_place(iso, *reversed(_places(row)))
    actor1 = row["Actor1Name"].strip() or row["Actor1Code"].strip() or "an unnamed actor"
    actor2 = row["Actor2Name"].strip() or row["Actor2Code"].strip()
    text = (f"GDELT event {gid}: {actor1} (CAMEO {row['EventCode']})"
            f"{' against ' + actor2 if actor2 else ''} in {row['ActionGeo_FullName'] or 'an unknown place'}"
            f" on {date}.")
    doc = Document(doc_id=f"{SOURCE}:{gid}", text=text, lang="en", published=date,
                   url=row.get("SOURCEURL", "").strip() or None, title=f"GDELT {gid}", source=str(path))
    kinds = load_mapping(SOURCE)["actors"]["actor_type"]
    events = tuple(
        Event(type=t, evidence=whole_text_evidence(doc), date=date, country=iso, admin1=admin1, place=place,
              actor=row["Actor1Name"].strip() or None, actor_type=kinds.get(row["Actor1Type1Code"].strip()),
              origin=ORIGIN, rule=f"gdelt:cameo={row['EventCode']}", confidence=0.5,
              source_id=gid if i == 0 else f"{gid}:{t.split('.', 1)[1]}")
        for i, t in enumerate(types)
    )
    return ImportedRecord(source=SOURCE, source_id=gid, path=str(path), line=line, events=events,
                          document=doc, raw=row, text_origin="synthesized")
