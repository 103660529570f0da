"""The order of things within an episode: first response, who came first, what follows what.

Dates are as precise as the sources: two events whose date intervals overlap (``2011-12``
and ``2011-12-16``) are treated as simultaneous rather than guessed into an order.

DOCS: docs/analysis.md#sequences
"""
from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import numpy as np
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
    RETURNS (DataFrame): index episode_id (episodes with responses); ``first_response_date``
        (ISO, the earliest dated response), ``first_response_type``/``_family`` (";"-joined
        when several share that date), ``days_to_first_response`` (from the first protest's
        date; negative for responses ahead of the protest), ``repression_vs_accommodation``
        (one of ORDER_LABELS).
    """
    ev = _dated(events[["episode_id", "event_key", "type", "family", "date"]])
    starts = ev[is_protest(ev)].groupby("episode_id")["lo"].min()
    responses = ev[is_response(ev)]
    out = pd.DataFrame(index=pd.Index(responses["episode_id"].unique(), name="episode_id"),
                       columns=list(TIMING_COLUMNS), dtype=object)
    dated = responses.dropna(subset=["lo"])
    if len(dated) == 0:
        out["repression_vs_accommodation"] = _order_labels(responses).reindex(out.index) if len(out) else None
        return out
    first = dated.groupby("episode_id")["lo"].min()
    at_first = dated[dated["lo"] == dated["episode_id"].map(first)]
    out.loc[first.index, "first_response_date"] = first.dt.strftime("%Y-%m-%d")
    for col, src in (("first_response_type", "type"), ("first_response_family", "family")):
        joined = at_first.groupby("episode_id")[src].agg(lambda v: ";".join(sorted(set(v))))
        out.loc[joined.index, col] = joined
    days = (first - starts.reindex(first.index)).dt.days
    out.loc[first.index, "days_to_first_response"] = days.astype(float).where(days.notna(), None)
    out["repression_vs_accommodation"] = _order_labels(responses).reindex(out.index)
    return out


def _order_labels(responses: pd.DataFrame) -> pd.Series:
    """Vectorised ``repression_vs_accommodation`` for many episodes (needs episode_id, lo, hi)."""
    ids = pd.Index(responses["episode_id"].unique())
    if len(ids) == 0:
        return pd.Series(dtype=object)
    present = responses.groupby(["episode_id", "family"]).size().unstack(fill_value=0).reindex(ids, fill_value=0)
    has_rep = present.get("repression", pd.Series(0, index=ids)) > 0
    has_acc = present.get("accommodation", pd.Series(0, index=ids)) > 0
    earliest = (responses.dropna(subset=["lo"]).sort_values(["lo", "hi"])
                .drop_duplicates(["episode_id", "family"]).set_index(["episode_id", "family"]))

    def bound(fam: str, col: str) -> pd.Series:
        sub = earliest.xs(fam, level="family")[col] if fam in earliest.index.get_level_values("family") else pd.Series(dtype="datetime64[ns]")
        return sub.reindex(ids)

    rep_lo, rep_hi, acc_lo, acc_hi = (bound("repression", "lo"), bound("repression", "hi"),
                                      bound("accommodation", "lo"), bound("accommodation", "hi"))
    both = has_rep & has_acc
    labels = np.select(
        [both & (rep_hi < acc_lo), both & (acc_hi < rep_lo), both, has_rep, has_acc],
        ["repression_first", "accommodation_first", "same_time", "repression_only", "accommodation_only"],
        default="neither")
    return pd.Series(labels, index=ids, dtype=object)


def repression_vs_accommodation(responses: pd.DataFrame) -> str:
    """Which came first in one episode's responses (needs ``family``, ``lo``, ``hi``).

    RETURNS (str): ``repression_first`` / ``accommodation_first`` when the earliest of one
        ends before the earliest of the other begins; ``same_time`` when their dates overlap
        or are missing; ``repression_only``, ``accommodation_only`` or ``neither``.
    """
    return str(_order_labels(responses.assign(episode_id="_")).iloc[0]) if len(responses) else "neither"


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
        for a, b in pairwise(fams):
            rows += [(label, eid, x, y) for x in sorted(a) for y in sorted(b)]
    table = pd.DataFrame(rows, columns=["group", "episode_id", "from_family", "to_family"])
    out = table.groupby(["group", "from_family", "to_family"]).agg(
        count=("episode_id", "size"), n_episodes=("episode_id", "nunique")).reset_index()
    out["share"] = out["count"] / out.groupby(["group", "from_family"])["count"].transform("sum")
    rank = {f: i for i, f in enumerate(("protest",) + RESPONSE_FAMILIES)}
    out = out.assign(_a=out["from_family"].map(rank), _b=out["to_family"].map(rank))
    out = out.sort_values(["group", "_a", "_b"])
    return out[["group", "from_family", "to_family", "count", "share", "n_episodes"]].reset_index(drop=True)


def transition_keys(events: pd.DataFrame, *, from_family: str, to_family: str,
                    episode_ids: set[str] | None = None) -> tuple[str, ...]:
    """Keys of the ``to_family`` events that directly follow a ``from_family`` step (the
    evidence behind one cell of ``transitions``), optionally within ``episode_ids``."""
    steps = episode_steps(events)
    if episode_ids is not None:
        steps = steps[steps["episode_id"].isin(episode_ids)]
    fam_of = events.set_index("event_key")["family"].to_dict()
    keys: list[str] = []
    for _, seq in steps.groupby("episode_id", sort=False):
        rows = list(seq.itertuples(index=False))
        for a, b in pairwise(rows):
            if from_family in a.families and to_family in b.families:
                keys += [k for k in b.event_keys if fam_of.get(k) == to_family]
    return tuple(sorted(set(keys)))
