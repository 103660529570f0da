"""Notes as evidence: run the extractor over a dataset row's free-text notes (``import --code-notes``).

A dataset codes responses in columns (MM's ``stateresponse1..7``); its notes often state more:
who was prosecuted, when the police opened fire. For every row with notes, the extractor
(``extract.extract_document``, its public function, unchanged) codes the notes; its asserted
responses are compared with the row's coded ones, and those the coded columns **lack** are
added as events of their own origin ``imported:<dataset>/notes`` with the notes span that
states them as evidence:

- a response of a type the row does not code is added;
- a response of a type the row codes is the same act (not added), unless the row spans more
  than a month and the notes date the response more than ``REDATE_DAYS`` after the row's start:
  the coded column cannot say when in the row it happened (the importer dates it at the start),
  so the notes' dated act is added ("dated by the notes"); this can count one act twice, once
  at the row's start and once at its date (docs/analysis.md#notes-as-evidence);
- the event keeps the extractor's date, place and region; an undated one gets the row's date,
  one without a region the row's region (never the row's free-text location, which names the
  protest's places, not the response's);
- a response the notes date outside the row (``start - LEAD_DAYS`` to ``end + TAIL_DAYS``) is a
  story about another time and is not added.

``NotesAgreement`` tallies, row by row, how the notes-coded responses agree with the coded
columns: per response type the dataset can code, per family and for "any response" (rows
coded ``ignore`` or empty have none): both, coded only, notes only, neither, and Cohen's kappa.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..records import Document, Event
from ..taxonomy import RESPONSE_FAMILIES, RESPONSE_FAMILY
from .reading import ImportedRecord

#: A notes response of a coded type dated this many days after a long row's start is a separate act.
REDATE_DAYS = 31
#: Notes responses dated this long before the row's start or after its end are not added.
LEAD_DAYS, TAIL_DAYS = 7, 31
AGREEMENT_COLUMNS = ("kind", "rows", "both", "coded_only", "notes_only", "neither", "agreement", "kappa")


def notes_origin(source: str) -> str:
    return f"imported:{source}/notes"


@dataclass
class NotesAgreement:
    """Row-level agreement between the notes-coded responses and a dataset's coded columns."""

    source: str
    rows: int = 0                 # rows whose notes were coded
    found: int = 0                # asserted responses the extractor found in the notes
    added: int = 0                # of those, added as new events (types the row lacks)
    redated: int = 0              # added because the notes date a coded type away from a long row's start
    outside: int = 0              # not added: dated outside the row
    confirmed: int = 0            # not added: a type the row codes
    cells: Counter = field(default_factory=Counter)  # (kind, coded: bool, notes: bool) -> rows
    vocabulary: set[str] = field(default_factory=set)  # response types the coded columns produced

    def tally(self, coded: set[str], notes: set[str]) -> None:
        """Count one row: ``coded`` and ``notes`` are the response types each side states."""
        self.rows += 1
        self.vocabulary |= coded
        kinds: dict[str, tuple[bool, bool]] = {"any response": (bool(coded), bool(notes))}
        for fam in RESPONSE_FAMILIES:
            kinds[f"family: {fam}"] = (any(RESPONSE_FAMILY[t] == fam for t in coded),
                                       any(RESPONSE_FAMILY[t] == fam for t in notes))
        for t in RESPONSE_FAMILY:
            kinds[t] = (t in coded, t in notes)
        for kind, (c, n) in kinds.items():
            self.cells[(kind, c, n)] += 1

    def table(self) -> list[dict[str, object]]:
        """One row per kind (types the coded columns produce, families with any case, any
        response): counts of rows, percentage agreement and Cohen's kappa (None when undefined)."""
        kinds = ["any response"] + [f"family: {f}" for f in RESPONSE_FAMILIES] + sorted(self.vocabulary)
        out = []
        for kind in kinds:
            both, c_only = self.cells[(kind, True, True)], self.cells[(kind, True, False)]
            n_only, neither = self.cells[(kind, False, True)], self.cells[(kind, False, False)]
            total = both + c_only + n_only + neither
            if total == 0 or (kind.startswith("family") and both + c_only + n_only == 0):
                continue
            observed = (both + neither) / total
            p_c, p_n = (both + c_only) / total, (both + n_only) / total
            expected = p_c * p_n + (1 - p_c) * (1 - p_n)
            kappa = (observed - expected) / (1 - expected) if expected < 1 else None
            out.append({"kind": kind, "rows": total, "both": both, "coded_only": c_only, "notes_only": n_only,
                        "neither": neither, "agreement": round(observed, 3),
                        "kappa": None if kappa is None else round(kappa, 3)})
        return out

    def summary(self) -> dict[str, object]:
        return {"source": self.source, "rows_with_notes": self.rows, "notes_responses": self.found,
                "added": self.added, "added_dated_by_notes": self.redated, "not_added_outside_row": self.outside,
                "not_added_coded": self.confirmed, "agreement": self.table()}


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    parts = str(text).split("-")
    try:
        y, m, d = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
        return dt.date(y, m, d)
    except (ValueError, IndexError):
        return None


def code_notes(record: ImportedRecord, *, extract: Callable[[Document], tuple[Event, ...]],
               agreement: NotesAgreement, reference_date: str | None = None,
               end_date: str | None = None) -> tuple[Event, ...]:
    """The events to add for one record from its notes (and tally agreement).

    record: an imported row with ``text_origin == "notes"`` (others give nothing).
    extract: Document -> events (``extract.extract_document(doc).events``).
    reference_date: the date relative dates in the notes are read from (the row's end date
        for MM: notes summarise a row up to its end); default the document's published date.
    end_date: the row's last day (default its start).
    RETURNS (tuple): new response events of origin ``imported:<source>/notes``.
    """
    doc = record.document
    if doc is None or record.text_origin != "notes" or not record.events:
        return ()
    row = record.events[0]
    coded = {e.type for e in record.events if e.type in RESPONSE_FAMILY}
    found = [e for e in extract(replace(doc, published=reference_date or doc.published))
             if e.type in RESPONSE_FAMILY and e.modality == "asserted"]
    agreement.found += len(found)
    agreement.tally(coded, {e.type for e in found})
    start = _day(row.date)
    end = _day(end_date) or start
    long_row = start is not None and end is not None and (end - start).days > REDATE_DAYS
    out: dict[tuple[str, str | None], Event] = {}
    for e in found:
        date = e.date or row.date
        day = _day(date)
        if start is not None and day is not None and end is not None and not (
                start - dt.timedelta(days=LEAD_DAYS) <= day <= end + dt.timedelta(days=TAIL_DAYS)):
            agreement.outside += 1
            continue
        redated = (e.type in coded and long_row and day is not None and start is not None
                   and (day - start).days > REDATE_DAYS)
        if e.type in coded and not redated:
            agreement.confirmed += 1
            continue
        key = (e.type, date)
        if key in out:
            out[key] = out[key].with_(more_evidence=out[key].more_evidence + (e.evidence,))
            continue
        agreement.added += 1
        agreement.redated += int(redated)
        out[key] = e.with_(
            date=date, country=row.country, admin1=e.admin1 or row.admin1, place=e.place,
            origin=notes_origin(record.source), source_id=f"{record.source_id}:notes:{e.type.removeprefix('response.')}"
                                                          f":{date or 'undated'}",
            rule=f"notes:{e.rule or 'extractor'}" + (" (dated by the notes)" if redated else ""))
    return tuple(out.values())
