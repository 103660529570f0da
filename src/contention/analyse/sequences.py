"""The order of things within an episode: first response, who came first, what follows what.

Dates are as precise as the sources: two events whose date intervals overlap (``2011-12``
and ``2011-12-16``) are treated as simultaneous rather than guessed into an order.

DOCS: docs/analysis.md#sequences
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from ..taxonomy import RESPONSE_FAMILIES
from .frame import date_bounds, is_protest, is_response

ORDER_LABELS = ("repression_first", "accommodation_first", "same_time", "repression_only",
                "accommodation_only", "neither")
TIMING_COLUMNS = ("first_response_date", "first_response_type", "first_response_family",
                  "days_to_first_response", "repression_vs_accommodation")


def _dated(events: pd.DataFrame) -> pd.DataFrame:
    lo, hi = date_bounds(events["date"])
    return events.assign(lo=lo, hi=hi)[events["episode_id"].notna()]


def episode_timing(events: pd.DataFrame) -> pd.DataFrame:
    """First response and order of repression vs accommodation, per episode.

    events: event table with ``episode_id`` (see ``repertoire.with_episodes``).
    RETURNS (DataFrame): index episode_id; ``first_response_date`` (ISO, the earliest dated
        response), ``first_response_type``/``_family`` (";"-joined when several share that
        date), ``days_to_first_response`` (from the first protest's date; negative for
        responses ahead of the protest), ``repression_vs_accommodation`` (one of ORDER_LABELS).
    """
    ev = _dated(events)
    starts = ev[is_protest(ev)].groupby("episode_id")["lo"].min()
    responses = ev[is_response(ev)]
    rows = {eid: _timing_row(group, starts.get(eid)) for eid, group in responses.groupby("episode_id")}
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(TIMING_COLUMNS))


def _timing_row(responses: pd.DataFrame, start: pd.Timestamp | None) -> dict[str, object]:
    dated = responses.dropna(subset=["lo"])
    row: dict[str, object] = dict.fromkeys(TIMING_COLUMNS)
    if len(dated):
        first = dated["lo"].min()
        at_first = dated[dated["lo"] == first]
        row["first_response_date"] = first.strftime("%Y-%m-%d")
        row["first_response_type"] = ";".join(sorted(set(at_first["type"])))
        row["first_response_family"] = ";".join(sorted(set(at_first["family"])))
        row["days_to_first_response"] = float((first - start).days) if start is not None and pd.notna(start) else None
    row["repression_vs_accommodation"] = repression_vs_accommodation(responses)
    return row


def repression_vs_accommodation(responses: pd.DataFrame) -> str:
    """Which came first in one episode's responses (needs ``family``, ``lo``, ``hi``).

    RETURNS (str): ``repression_first`` / ``accommodation_first`` when the earliest of one
        ends before the earliest of the other begins; ``same_time`` when their dates overlap
        or are missing; ``repression_only``, ``accommodation_only`` or ``neither``.
    """
    rep = responses[responses["family"] == "repression"]
    acc = responses[responses["family"] == "accommodation"]
    if len(rep) == 0 or len(acc) == 0:
        return "repression_only" if len(rep) else ("accommodation_only" if len(acc) else "neither")
    rep_lo, rep_hi = _earliest(rep)
    acc_lo, acc_hi = _earliest(acc)
    if pd.notna(rep_hi) and pd.notna(acc_lo) and rep_hi < acc_lo:
        return "repression_first"
    if pd.notna(acc_hi) and pd.notna(rep_lo) and acc_hi < rep_lo:
        return "accommodation_first"
    return "same_time"


def _earliest(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    dated = events.dropna(subset=["lo"])
    if len(dated) == 0:
        return pd.NaT, pd.NaT
    row = dated.sort_values(["lo", "hi"]).iloc[0]
    return row["lo"], row["hi"]


def episode_steps(events: pd.DataFrame) -> pd.DataFrame:
    """Each episode as a sequence of dated steps: the set of families seen on each date.

    RETURNS (DataFrame): columns episode_id, lo, families (frozenset), event_keys (tuple),
        sorted by episode then date. Undated events are left out.
    """
    ev = _dated(events).dropna(subset=["lo"])
    ev = ev[is_protest(ev) | is_response(ev)]
    grouped = ev.groupby(["episode_id", "lo"], sort=True)
    return pd.DataFrame({
        "families": grouped["family"].agg(frozenset),
        "event_keys": grouped["event_key"].agg(tuple),
    }).reset_index()


def transitions(events: pd.DataFrame, *, groups: Mapping[str, str] | None = None) -> pd.DataFrame:
    """What follows what: counts of family -> family between consecutive dated steps.

    events: event table with ``episode_id``.
    groups: optional episode_id -> label (e.g. "before"/"after"), giving one table per label.
    RETURNS (DataFrame): columns group, from_family, to_family, count, share (of all
        transitions out of ``from_family`` in that group), n_episodes (episodes showing it).
        Families seen on the same date are simultaneous and give no transition between them.
    """
    steps = episode_steps(events)
    rows = []
    for eid, seq in steps.groupby("episode_id", sort=False):
        fams = list(seq["families"])
        label = groups.get(eid, "all") if groups is not None else "all"
        for a, b in zip(fams, fams[1:]):
            rows += [(label, eid, x, y) for x in sorted(a) for y in sorted(b)]
    table = pd.DataFrame(rows, columns=["group", "episode_id", "from_family", "to_family"])
    out = table.groupby(["group", "from_family", "to_family"]).agg(
        count=("episode_id", "size"), n_episodes=("episode_id", "nunique")).reset_index()
    out["share"] = out["count"] / out.groupby(["group", "from_family"])["count"].transform("sum")
    rank = {f: i for i, f in enumerate(("protest",) + RESPONSE_FAMILIES)}
    out = out.assign(_a=out["from_family"].map(rank), _b=out["to_family"].map(rank))
    out = out.sort_values(["group", "_a", "_b"])
    return out[["group", "from_family", "to_family", "count", "share", "n_episodes"]].reset_index(drop=True)
