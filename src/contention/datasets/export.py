"""Our events -> other projects' layouts (ACLED-like, MM-like CSV) and a codebook.

Input is a list of Events or an events DataFrame with the columns of ``EVENT_COLUMNS``
(the store's events table). Responses are attached to the protest of the same document
(or, when ``episodes`` are given, of the same episode); types a layout has no category
for are left out, as the mapping notes in docs/datasets.md say.
"""
from __future__ import annotations

import contextlib
import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
import pycountry

from .. import taxonomy
from ..records import Episode, Event

EVENT_COLUMNS: tuple[str, ...] = (
    "event_key", "type", "family", "date", "country", "admin1", "place", "actor", "actor_type", "modality",
    "preemptive", "origin", "doc_id", "evidence", "killed", "injured", "detained", "participants", "claims",
    "source_id",
)

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

MM_COLUMNS: tuple[str, ...] = (
    "id", "country", "ccode", "year", "region", "protest", "protestnumber", "startday", "startmonth", "startyear",
    "endday", "endmonth", "endyear", "protesterviolence", "location", "participants_category", "participants",
    "protesteridentity", *(f"protesterdemand{i}" for i in range(1, 5)), *(f"stateresponse{i}" for i in range(1, 8)),
    "sources", "notes",
)

#: our response type -> MM stateresponse label (types MM has no label for are left out)
MM_LABELS: dict[str, str] = {
    "response.dispersal": "crowd dispersal",
    "response.detention": "arrests",
    "response.physical_force": "beatings",
    "response.lethal_force": "shootings",  # "killings" when a killed count is given
    "response.material_concession": "accomodation",  # MM's spelling
    "response.policy_concession": "accomodation",
    "response.negotiation": "accomodation",
    "response.personnel_change": "accomodation",
    "response.political_reform": "accomodation",
}
MM_DEMANDS: dict[str, str] = {
    "political": "political behavior, process", "wages": "labor wage dispute", "labour_rights": "labor wage dispute",
    "prices": "price increases, tax policy", "land": "land farm issue",
}


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Events as a DataFrame with ``EVENT_COLUMNS`` (claims joined with "; ")."""
    rows = [{
        "event_key": e.key, "type": e.type, "family": e.family, "date": e.date, "country": e.country,
        "admin1": e.admin1, "place": e.place, "actor": e.actor, "actor_type": e.actor_type,
        "modality": e.modality, "preemptive": e.preemptive, "origin": e.origin, "doc_id": e.doc_id,
        "evidence": e.evidence.text, **{k: e.counts.get(k) for k in ("killed", "injured", "detained", "participants")},
        "claims": "; ".join(e.claims), "source_id": e.source_id,
    } for e in events]
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def _frame(events: Iterable[Event] | pd.DataFrame) -> pd.DataFrame:
    df = events.copy() if isinstance(events, pd.DataFrame) else events_frame(events)
    missing = [c for c in EVENT_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"events table lacks columns {', '.join(missing)}")
    return df.astype(object).where(df.notna(), None)


def _groups(df: pd.DataFrame, episodes: Sequence[Episode] | None) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by episode (when given) else by document; each protest with its responses."""
    group_of: dict[str, str] = {}
    for ep in episodes or ():
        for key in ep.protest_keys + ep.response_keys:
            group_of[key] = ep.episode_id
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in df.to_dict("records"):
        groups[group_of.get(row["event_key"], f"doc:{row['doc_id']}")].append(row)
    return groups


def _num(value: Any) -> int | None:
    try:
        return None if value is None or value == "" else int(float(value))
    except (TypeError, ValueError):
        return None


def _country(iso2: str | None) -> tuple[str, str]:
    found = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return (str(found.name), str(int(found.numeric))) if found else (iso2 or "", "")


def _date_parts(date: str | None) -> tuple[str, str, str]:
    parts = (date or "").split("-")
    return tuple((parts + ["", "", ""])[:3])  # type: ignore[return-value]


def _write(path_or_buffer: str | Path | TextIO, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> int:
    """Write rows as CSV; a path is opened and closed here, a buffer is left open for the caller."""
    target = (open(path_or_buffer, "w", newline="", encoding="utf-8")  # noqa: SIM115 (closed by the with below)
              if isinstance(path_or_buffer, (str, Path))
              else contextlib.nullcontext(path_or_buffer))
    with target as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        n = 0
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
            n += 1
        return n


# ---- ACLED-like -------------------------------------------------------------------------

def _acled_kind(protest: dict[str, Any] | None, responses: list[dict[str, Any]]) -> tuple[str, str]:
    types = {r["type"] for r in responses}
    if protest is None:
        return ("Strategic developments", "Arrests") if types == {"response.detention"} else \
               ("Strategic developments", "Other")
    if protest["type"] == "protest.riot":
        return "Riots", "Violent demonstration"
    # The inverse of the import mapping (mappings/acled.toml): physical or lethal force is
    # "Excessive force", dispersal or detention alone "Protest with intervention".
    if types & {"response.lethal_force", "response.physical_force"}:
        return "Protests", "Excessive force against protesters"
    if types & {"response.dispersal", "response.detention"}:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _acled_row(head: dict[str, Any], protest: dict[str, Any] | None, responses: list[dict[str, Any]]) -> dict[str, Any]:
    event_type, sub = _acled_kind(protest, responses)
    name, numeric = _country(head["country"])
    y, m, d = _date_parts(head["date"])
    state = next((r for r in responses if r["type"].startswith("response.")), None)
    killed = sum(_num(r["killed"]) or 0 for r in [head, *responses])
    size = _num(head["participants"])
    inter1 = (5 if head["type"] == "protest.riot" else 6) if protest else 1
    inter2 = 1 if protest and state else 0
    return {
        "event_id_cnty": head["event_key"], "event_date": f"{y}-{m or '01'}-{d or '01'}" if y else "",
        "year": y, "time_precision": 1 if d else 3,
        "disorder_type": "Strategic developments" if protest is None else "Demonstrations",
        "event_type": event_type, "sub_event_type": sub,
        "actor1": head["actor"] or (f"Protesters ({name})" if protest else f"Police Forces of {name}"),
        "inter1": inter1, "interaction": f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter2 else f"{inter1}0",
        "actor2": (state["actor"] or f"Police Forces of {name}") if protest and state else "",
        "inter2": inter2, "iso": numeric, "country": name,
        "admin1": head["admin1"], "location": head["place"], "source": head["doc_id"],
        "notes": head["evidence"], "fatalities": killed, "tags": f"crowd size={size}" if size else "",
    }


def to_acled_csv(events: Iterable[Event] | pd.DataFrame, path_or_buffer: str | Path | TextIO, *,
                 episodes: Sequence[Episode] | None = None) -> int:
    """Write events in the ACLED 31-column export layout; returns the number of rows written.

    One row per protest (its responses in the same document or episode decide the
    sub-event type), one per response with no protest ("Strategic developments").
    Months or years without a day are written as the 1st with ``time_precision`` 3.
    """
    df = _frame(events)
    df = df[df["modality"] == "asserted"]

    def rows() -> Iterable[dict[str, Any]]:
        for members in _groups(df, episodes).values():
            protests = [r for r in members if r["family"] == "protest"]
            responses = [r for r in members if r["family"] != "protest"]
            for p in protests:
                yield _acled_row(p, p, responses)
            if not protests:
                yield from (_acled_row(r, None, [r]) for r in responses)

    return _write(path_or_buffer, ACLED_COLUMNS, rows())


# ---- MM-like ------------------------------------------------------------------------------

def _mm_responses(responses: list[dict[str, Any]]) -> list[str]:
    labels: list[str] = []
    for r in responses:
        label = MM_LABELS.get(r["type"])
        if label == "shootings" and _num(r["killed"]):
            label = "killings"
        if label and label not in labels:
            labels.append(label)
    return (labels or ["ignore"])[:7]


def _mm_row(p: dict[str, Any], responses: list[dict[str, Any]]) -> dict[str, Any]:
    name, _ = _country(p["country"])
    y, m, d = _date_parts(p["date"])
    raw_claims = p["claims"] or ""
    claims = [c.strip() for c in raw_claims.split(";")] if isinstance(raw_claims, str) else list(raw_claims)
    demands = list(dict.fromkeys(MM_DEMANDS[c] for c in claims if c in MM_DEMANDS))[:4]
    labels = _mm_responses(responses)
    row = {"id": p["event_key"], "country": name, "year": y, "protest": 1, "startday": _num(d), "startmonth": _num(m),
           "startyear": y, "protesterviolence": 1 if p["type"] == "protest.riot" else 0, "location": p["place"],
           "participants": _num(p["participants"]) or "", "protesteridentity": p["actor"],
           "sources": p["doc_id"], "notes": p["evidence"]}
    row.update({f"protesterdemand{i + 1}": v for i, v in enumerate(demands)})
    row.update({f"stateresponse{i + 1}": v for i, v in enumerate(labels)})
    return row


def to_mm_csv(events: Iterable[Event] | pd.DataFrame, path_or_buffer: str | Path | TextIO, *,
              episodes: Sequence[Episode] | None = None) -> int:
    """Write events in the Mass Mobilization layout; returns the number of rows written.

    One row per asserted protest; ``stateresponse1..7`` are the MM labels of the asserted
    responses in the same document (or episode), "ignore" when there is none MM can name.
    """
    df = _frame(events)
    df = df[df["modality"] == "asserted"]

    def rows() -> Iterable[dict[str, Any]]:
        for members in _groups(df, episodes).values():
            responses = [r for r in members if r["family"] != "protest"]
            yield from (_mm_row(p, responses) for p in members if p["family"] == "protest")

    return _write(path_or_buffer, MM_COLUMNS, rows())


def to_csv_string(writer: Any, events: Iterable[Event] | pd.DataFrame, **kwargs: Any) -> str:
    """Run ``to_acled_csv`` or ``to_mm_csv`` into a string (handy in tests and notebooks)."""
    buf = io.StringIO()
    writer(events, buf, **kwargs)
    return buf.getvalue()


# ---- codebook ----------------------------------------------------------------------------

def codebook_markdown() -> str:
    """docs/codebook.md: the taxonomy's codes, families, attributes and value lists."""
    out = [f"# Codebook (taxonomy v{taxonomy.TAXONOMY_VERSION})", "",
           "<!-- Generated by contention.datasets.export.codebook_markdown(); do not edit by hand. -->", "",
           "The contract is `shared/spec/taxonomy.md`; this page is generated from `contention.taxonomy`.", "",
           "## Event types", "", "| code | family | what |", "|---|---|---|"]
    out += [f"| `{t}` | {taxonomy.family(t)} | {taxonomy.DESCRIPTIONS[t]} |" for t in taxonomy.EVENT_TYPES]
    lists = [("Families", taxonomy.FAMILIES), ("Modalities", taxonomy.MODALITIES),
             ("Actor types", taxonomy.ACTOR_TYPES), ("Claims", taxonomy.CLAIMS), ("Count keys", taxonomy.COUNT_KEYS)]
    for title, values in lists:
        out += ["", f"## {title}", "", ", ".join(f"`{v}`" for v in values)]
    out += ["", "## Export columns", "", "Events tables (store, exports) have these columns: "
            + ", ".join(f"`{c}`" for c in EVENT_COLUMNS) + "."]
    return "\n".join(out) + "\n"
