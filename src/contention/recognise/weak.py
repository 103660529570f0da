"""Weak labels from Mass Mobilization ``notes``, by agreement between the English rules and MM's coders.

A note sentence gets a response type only when the English pack's triggers find it there AND the
row's own ``stateresponse`` columns code the matching MM class (arrests -> detention, ...): two
independent readings of the same report agree. Types MM does not code (emergency measures,
information control, ...) are not taken from it: nothing confirms them.
Protest types come from the triggers (the row is a protest by construction). A note sentence with
no trigger at all in a row with no response is a negative. Capped per type; English only.
"""
from __future__ import annotations

import csv
import gzip
import random
from collections import defaultdict
from pathlib import Path

from .data import Example

#: our type -> the MM stateresponse values that confirm it
CONFIRMS = {
    "response.detention": {"arrests"},
    "response.physical_force": {"beatings", "crowd dispersal"},
    "response.dispersal": {"crowd dispersal"},
    "response.lethal_force": {"shootings", "killings"},
    "response.material_concession": {"accomodation"},
    "response.policy_concession": {"accomodation"},
    "response.negotiation": {"accomodation"},
    "response.personnel_change": {"accomodation"},
    "response.investigation": {"accomodation"},
    "response.political_reform": {"accomodation"},
}
WEIGHT = 0.5


def _rows(path: Path):  # type: ignore[no-untyped-def]
    with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as f:
        yield from csv.DictReader(f)


def mm_examples(path: Path, *, cap: int = 150, negatives: int = 600, seed: int = 7,
                max_rows: int = 6000) -> list[Example]:
    """Weakly labelled English sentences from MM notes (see the module docstring). Each note is coded by
    the rule extractor (modality, demands and rule 3 included); its asserted events, confirmed by the
    row's coding, label their evidence sentences."""
    from ..extract.extractor import extract_document
    from ..ingest.segment import split_sentences
    from ..records import Document

    by_type: dict[str, list[Example]] = defaultdict(list)
    negs: list[Example] = []
    rows = [r for r in _rows(path) if r.get("protest") == "1" and (r.get("notes") or "").strip()]
    random.Random(seed).shuffle(rows)
    seen: set[str] = set()
    for r in rows[:max_rows]:
        coded = {(r.get(f"stateresponse{i}") or "").strip().lower() for i in range(1, 8)} - {""}
        any_response = bool(coded - {"ignore"})
        note = r["notes"].strip()
        note = ". ".join(x[:1].upper() + x[1:] for x in note.split(". "))
        doc = Document(f"mm:{r.get('id')}", note, lang="en", published=None)
        res = extract_document(doc, recogniser=False, semantic="off")
        told: dict[int, dict[str, str]] = defaultdict(dict)
        for e in res.events:
            if e.modality != "asserted":
                continue
            t, at = e.type, e.evidence.start
            if t.startswith("protest."):
                if t == "protest.riot" and r.get("protesterviolence") != "1":
                    continue
            elif t in CONFIRMS:
                if not CONFIRMS[t] & coded:
                    continue
            else:
                continue  # a type MM does not code: no second reading confirms it
            told[at][t] = "asserted"
        for sent in split_sentences(note):
            if not 30 <= len(sent.text) <= 400 or sent.text in seen:
                continue
            seen.add(sent.text)
            types = told.get(sent.start)
            if not types:
                if not any_response and not res.events and len(negs) < negatives * 3:
                    negs.append(Example(sent.text, "en", "mm", {}, None, WEIGHT, group="mm"))
                continue
            rarest = min(types, key=lambda t: len(by_type[t]))
            if len(by_type[rarest]) < cap:
                pre = False if any(t.startswith("response.") for t in types) else None
                by_type[rarest].append(Example(sent.text, "en", "mm", types, pre, WEIGHT, group="mm"))
    random.Random(seed).shuffle(negs)
    return [e for t in sorted(by_type) for e in by_type[t]] + negs[:negatives]
