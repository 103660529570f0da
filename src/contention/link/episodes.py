"""Group protest events into episodes and attach each response to the episode it answers.

An **episode** is a run of protest in one area (country + ``admin1``, or country + place)
with no gap longer than ``gap_days`` between consecutive protests. A **response** is
attached to the episode it answers: same country and area, dated from ``lead_days`` before
the episode starts to ``window_days`` after it ends (``aftermath_days`` when its evidence
says "aftermath", "after the" or "following"); a national-level response (``admin1`` None)
goes to the most recent such episode anywhere in the country. Undated events are placed by
their document: an event from the same ``doc_id`` as a protest goes to that protest's episode.
Responses that fit no episode stay in the mapping with ``episode_id`` None (``how ==
"unattached"``). Only asserted events are used. Thresholds are explained in docs/analysis.md.

DOCS: docs/analysis.md#episodes
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..records import Episode
from .frame import asserted_only, date_bounds, is_protest, is_response, normalise_frame

#: Days after an episode's last protest in which a response still answers it.
WINDOW_DAYS = 30
#: Days without protest in an area after which the next protest opens a new episode.
GAP_DAYS = 14
#: Window for responses whose evidence names the link ("in the aftermath", "following").
AFTERMATH_DAYS = 180
#: Days before an episode's first protest in which a response (a deployment ahead of a
#: rally, a month-precision date) may still belong to it.
LEAD_DAYS = 7
#: A protest whose date spans more than this many days (a bare year) does not extend its
#: episode's end: it is placed at the first day of its period.
COARSE_DATE_DAYS = 31
#: Words in the evidence that mark a response as coming in the aftermath of a protest.
AFTERMATH_CUES = re.compile(r"\baftermath\b|\bafter the\b|\bfollowing\b", re.IGNORECASE)
PLACE_LEVELS = ("admin1", "place")
MAPPING_COLUMNS = ("event_key", "episode_id", "role", "how")


@dataclass(frozen=True)
class _Candidates:
    """The episodes of one country as aligned arrays (for attaching responses)."""

    ids: np.ndarray
    admin1: np.ndarray
    place: np.ndarray
    start: np.ndarray  # datetime64[ns], NaT for undated episodes
    end: np.ndarray
    docs: tuple[frozenset[str], ...]


def build_episodes(
    frame: pd.DataFrame,
    *,
    window_days: int = WINDOW_DAYS,
    place_level: str = "admin1",
    gap_days: int = GAP_DAYS,
    aftermath_days: int = AFTERMATH_DAYS,
    lead_days: int = LEAD_DAYS,
) -> tuple[list[Episode], pd.DataFrame]:
    """Episodes of protest and the mapping of every asserted event to its episode.

    frame: the event table (see ``contention.analyse.frame.COLUMNS``).
    window_days: days after an episode's end in which a response still answers it (30).
    place_level: ``"admin1"`` (region) or ``"place"`` (town/site) defines an area ("admin1").
    gap_days: days without protest in an area that close an episode (14).
    aftermath_days: window for responses whose evidence says aftermath/after the/following (180).
    lead_days: days before an episode's start in which a response may still belong to it (7).
    RETURNS (tuple): the episodes sorted by start (undated last), and a DataFrame with columns
        ``event_key, episode_id, role, how`` (``how`` in area, national, aftermath, document,
        unattached; ``episode_id`` None for unattached responses and unplaceable protests).
    """
    if place_level not in PLACE_LEVELS:
        raise ValueError(f"place_level must be one of {PLACE_LEVELS}, not {place_level!r}")
    events = _prepare(frame)
    protests = _group_protests(events[is_protest(events)], place_level=place_level, gap_days=gap_days)
    table = _episode_table(protests)
    protests = protests.assign(episode_id=protests["episode_no"].map(table.set_index("episode_no")["episode_id"]))
    responses = events[is_response(events)]
    attached = _attach_responses(
        responses, table, protests, window_days=window_days, aftermath_days=aftermath_days, lead_days=lead_days
    )
    mapping = pd.concat([protests[list(MAPPING_COLUMNS)], attached], ignore_index=True)
    ids = mapping["episode_id"].astype(object)
    mapping["episode_id"] = ids.where(ids.notna(), None)
    return _make_episodes(table, mapping), mapping


def episodes_frame(episodes: list[Episode]) -> pd.DataFrame:
    """The episodes as a DataFrame (one row each; ``start``/``end`` as Timestamps)."""
    rows = [
        {"episode_id": e.episode_id, "country": e.country, "admin1": e.admin1, "place": e.place,
         "start": e.start, "end": e.end, "n_protests": len(e.protest_keys),
         "n_responses": len(e.response_keys), "label": e.label}
        for e in episodes
    ]
    out = pd.DataFrame(rows, columns=["episode_id", "country", "admin1", "place", "start", "end",
                                      "n_protests", "n_responses", "label"])
    out["start"] = pd.to_datetime(out["start"], errors="coerce")
    out["end"] = pd.to_datetime(out["end"], errors="coerce")
    return out


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    events = asserted_only(normalise_frame(frame)).copy()
    events["lo"], events["hi"] = date_bounds(events["date"])
    coarse = (events["hi"] - events["lo"]) > pd.Timedelta(days=COARSE_DATE_DAYS)
    # A bare year must not stretch an episode over twelve months: it counts as its first day.
    events["end"] = events["hi"].where(~coarse, events["lo"])
    events["evidence"] = events["evidence"].fillna("").astype(str)
    return events


def _area_columns(place_level: str) -> list[str]:
    return ["country", "admin1"] if place_level == "admin1" else ["country", "admin1", "place"]


def _group_protests(protests: pd.DataFrame, *, place_level: str, gap_days: int) -> pd.DataFrame:
    """Protests with an ``episode_no`` column: dated ones by area and gaps, undated by document."""
    cols = _area_columns(place_level)
    out = protests.sort_values(["lo", "event_key"]).copy()
    parts = [out[c].astype("string").fillna("\u2205") for c in cols]
    out["area"] = parts[0].str.cat(parts[1:], sep="|")
    out["episode_no"] = -1
    dated = out[out["lo"].notna()]
    gap = pd.Timedelta(days=gap_days)
    number = 0
    for _, group in dated.groupby("area", sort=True):
        prev_end = group["end"].cummax().shift(1)
        new = (group["lo"] > prev_end + gap) | prev_end.isna()
        out.loc[group.index, "episode_no"] = number + new.cumsum().to_numpy() - 1
        number += int(new.sum())
    placed_by_doc = out["episode_no"] < 0
    out = _place_undated_protests(out, first_new=number)
    out["role"] = "protest"
    out["how"] = np.where(placed_by_doc, "document", "area")
    return out


def _place_undated_protests(protests: pd.DataFrame, *, first_new: int) -> pd.DataFrame:
    """Undated protests join the episode of a dated protest from the same document, else
    form one undated episode per area and document."""
    out = protests.copy()
    dated = out[out["episode_no"] >= 0]
    by_doc = dated.drop_duplicates("doc_id").set_index("doc_id")["episode_no"]
    undated = out["episode_no"] < 0
    from_doc = out.loc[undated, "doc_id"].map(by_doc)
    out.loc[from_doc.dropna().index, "episode_no"] = from_doc.dropna().astype(int)
    rest = out[out["episode_no"] < 0]
    keys = rest["area"] + "#" + rest["doc_id"].astype("string").fillna("")
    codes = pd.factorize(keys, sort=True)[0]
    out.loc[rest.index, "episode_no"] = first_new + codes
    return out


def _mode_by(protests: pd.DataFrame, col: str) -> pd.Series:
    """The most common non-missing value of ``col`` per episode (ties: alphabetical)."""
    counts = protests.dropna(subset=[col]).groupby(["episode_no", col]).size().rename("n").reset_index()
    counts = counts.sort_values(["episode_no", "n", col], ascending=[True, False, True])
    return counts.drop_duplicates("episode_no").set_index("episode_no")[col]


def _episode_table(protests: pd.DataFrame) -> pd.DataFrame:
    """One row per episode: id, area, start, end, protest documents."""
    narrow = protests[["episode_no", "country", "admin1", "place", "lo", "end", "doc_id"]]
    grouped = narrow.groupby("episode_no", sort=True)
    table = pd.DataFrame({
        "start": grouped["lo"].min(), "end": grouped["end"].max(),
        "docs": grouped["doc_id"].agg(lambda d: frozenset(str(x) for x in d.dropna())),
    })
    for col in ("country", "admin1", "place"):
        values = _mode_by(narrow, col).reindex(table.index).astype(object)
        table[col] = values.where(values.notna(), None)
    table = table.reset_index()[["episode_no", "country", "admin1", "place", "start", "end", "docs"]]
    table["start"] = pd.to_datetime(table["start"]).astype("datetime64[ns]")
    table["end"] = pd.to_datetime(table["end"]).astype("datetime64[ns]")
    table = table.sort_values(["start", "episode_no"], na_position="last").reset_index(drop=True)
    table["episode_id"] = _episode_ids(table)
    return table


def _slug(text: object) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", str(text)).strip("_") or "x"


def _episode_ids(table: pd.DataFrame) -> list[str]:
    """Readable, unique ids: ``KZ-Mangystau-2011-05-16`` (``-2``, ``-3`` on collisions)."""
    seen: dict[str, int] = {}
    ids = []
    for row in table.itertuples():
        where = row.admin1 if row.admin1 is not None else (row.place if row.place is not None else "national")
        when = row.start.strftime("%Y-%m-%d") if pd.notna(row.start) else "undated"
        base = f"{row.country or 'XX'}-{_slug(where)}-{when}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _candidates(table: pd.DataFrame, country: object) -> _Candidates:
    sub = table[table["country"] == country] if country is not None else table[table["country"].isna()]
    return _Candidates(
        ids=sub["episode_id"].to_numpy(dtype=object), admin1=sub["admin1"].to_numpy(dtype=object),
        place=sub["place"].to_numpy(dtype=object), start=sub["start"].to_numpy(dtype="datetime64[ns]"),
        end=sub["end"].to_numpy(dtype="datetime64[ns]"), docs=tuple(sub["docs"]),
    )


def _attach_responses(
    responses: pd.DataFrame, table: pd.DataFrame, protests: pd.DataFrame, *,
    window_days: int, aftermath_days: int, lead_days: int,
) -> pd.DataFrame:
    """The mapping rows of the responses (``role == "response"``)."""
    cache: dict[object, _Candidates] = {}
    rows = []
    for r in responses.itertuples(index=False):
        key = r.country if isinstance(r.country, str) else None
        if key not in cache:
            cache[key] = _candidates(table, key)
        window = aftermath_days if AFTERMATH_CUES.search(r.evidence) else window_days
        episode_id, how = _attach_one(r, cache[key], window=window, lead_days=lead_days,
                                      aftermath=window == aftermath_days and window != window_days)
        rows.append({"event_key": r.event_key, "episode_id": episode_id, "role": "response", "how": how})
    return pd.DataFrame(rows, columns=list(MAPPING_COLUMNS))


def _area_mask(r: object, c: _Candidates) -> tuple[np.ndarray, bool]:
    """Episodes in the response's area; national-level responses match the whole country."""
    admin1 = r.admin1
    place = r.place
    if isinstance(admin1, str):
        return c.admin1 == admin1, False
    if isinstance(place, str):
        return c.place == place, False
    return np.ones(len(c.ids), dtype=bool), True


def _attach_one(r: object, c: _Candidates, *, window: int, lead_days: int, aftermath: bool) -> tuple[object, str]:
    if len(c.ids) == 0:
        return None, "unattached"
    in_area, national = _area_mask(r, c)
    doc = str(r.doc_id)
    same_doc = np.array([doc in d for d in c.docs], dtype=bool)
    lo, hi = r.lo, r.hi
    if pd.isna(lo):
        episode_id = _pick(c, same_doc & in_area, hi=None) or _pick(c, same_doc, hi=None)
        return episode_id, ("document" if episode_id else "unattached")
    lo64, hi64 = np.datetime64(lo, "ns"), np.datetime64(hi, "ns")
    lead = np.timedelta64(lead_days, "D")
    started = (c.start - lead) <= hi64
    in_time = started & (lo64 <= c.end + np.timedelta64(window, "D"))
    timely = in_area & in_time
    if timely.any():
        how = "aftermath" if aftermath else ("national" if national else "area")
        if (timely & same_doc).any():
            return _pick(c, timely & same_doc, hi=hi64), how
        return _pick(c, timely, hi=hi64), how
    by_doc = same_doc & started
    if by_doc.any():
        return _pick(c, by_doc & in_area, hi=hi64) or _pick(c, by_doc, hi=hi64), "document"
    return None, "unattached"


def _pick(c: _Candidates, mask: np.ndarray, *, hi: np.datetime64 | None) -> str | None:
    """The most recent episode among ``mask`` that started by ``hi`` (else the earliest one)."""
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return None
    if hi is None:
        return str(c.ids[idx[0]])
    starts = c.start[idx]
    before = idx[starts <= hi]
    if len(before):
        return str(c.ids[before[np.argmax(c.start[before])]])
    return str(c.ids[idx[np.argmin(starts)]])


def _make_episodes(table: pd.DataFrame, mapping: pd.DataFrame) -> list[Episode]:
    keys = mapping.dropna(subset=["episode_id"]).groupby(["episode_id", "role"])["event_key"].agg(tuple)
    out = []
    for row in table.itertuples():
        protest_keys = keys.get((row.episode_id, "protest"), ())
        response_keys = keys.get((row.episode_id, "response"), ())
        start = row.start.strftime("%Y-%m-%d") if pd.notna(row.start) else None
        end = row.end.strftime("%Y-%m-%d") if pd.notna(row.end) else None
        where = ", ".join(str(x) for x in (row.place, row.admin1, row.country) if x is not None)
        label = f"{where}: {start or 'undated'} to {end or 'undated'}, {len(protest_keys)} protests, {len(response_keys)} responses"
        out.append(Episode(episode_id=row.episode_id, country=row.country, admin1=row.admin1, place=row.place,
                           start=start, end=end, protest_keys=tuple(protest_keys),
                           response_keys=tuple(response_keys), label=label))
    return out
