"""What the state did: response mixes per episode and repertoires per year.

``per_episode`` gives one row per episode (mix by family, lethal force, information control,
preemptive share, casualty counts and timing from ``sequences``); ``response_counts`` the mix
by type or family; ``repertoire_by_year`` the family shares of responses per country (and
region) and year, written to answer over millions of events in well under a second.

DOCS: docs/analysis.md#per-episode
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from ..link.episodes import episodes_frame
from ..records import Episode
from ..taxonomy import COUNT_KEYS, RESPONSE_FAMILIES, RESPONSE_FAMILY
from .frame import asserted_only, is_response, normalise_frame, year_of
from .sequences import episode_timing

LETHAL_TYPES = ("response.lethal_force",)
INFORMATION_TYPES = ("response.information_control",)


def with_episodes(frame: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """The asserted events of ``frame`` with their ``episode_id`` and ``how`` from ``mapping``."""
    events = asserted_only(normalise_frame(frame))
    return events.merge(mapping[["event_key", "episode_id", "how"]], on="event_key", how="left")


def response_counts(events: pd.DataFrame, *, by: str = "family") -> pd.DataFrame:
    """Responses per episode by ``family`` or ``type``: a wide table of counts.

    events: event table with an ``episode_id`` column (see ``with_episodes``).
    by: ``"family"`` (repression, preemption, accommodation, rhetoric) or ``"type"``.
    RETURNS (DataFrame): index episode_id, one column per family/type (all present, 0-filled).
    """
    categories = list(RESPONSE_FAMILIES) if by == "family" else list(RESPONSE_FAMILY)
    responses = events[is_response(events) & events["episode_id"].notna()]
    counts = responses.groupby(["episode_id", by]).size().unstack(fill_value=0)
    return counts.reindex(columns=categories, fill_value=0).astype(int)


def to_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Row shares of a count table (rows with no responses are NaN)."""
    total = counts.sum(axis=1)
    return counts.div(total.where(total > 0), axis=0)


def per_episode(frame: pd.DataFrame, episodes: Sequence[Episode], mapping: pd.DataFrame) -> pd.DataFrame:
    """One row per episode: where/when, the response mix, force, timing and counts.

    frame: the event table; episodes, mapping: the output of ``build_episodes``.
    RETURNS (DataFrame): episode columns (episode_id, country, admin1, place, start, end,
        n_protests, n_responses, label), ``n_<family>`` counts and ``share_<family>`` shares
        of responses, ``lethal``, ``information_control``, ``preemptive_share``, ``killed``,
        ``injured``, ``detained``, ``participants`` (sums of stated counts; 0 when none
        stated) and the timing columns of ``sequences.episode_timing``.
    """
    events = with_episodes(frame, mapping)
    base = episodes_frame(list(episodes)).set_index("episode_id")
    counts = response_counts(events, by="family").reindex(base.index, fill_value=0)
    shares = to_shares(counts)
    out = base.join(counts.add_prefix("n_")).join(shares.add_prefix("share_"))
    out = out.join(_flags(events).reindex(base.index)).join(_count_sums(events).reindex(base.index))
    out = out.join(episode_timing(events).reindex(base.index))
    out[["lethal", "information_control"]] = out[["lethal", "information_control"]].fillna(False).astype(bool)
    out[list(COUNT_KEYS)] = out[list(COUNT_KEYS)].fillna(0.0)
    return out.reset_index()


def _flags(events: pd.DataFrame) -> pd.DataFrame:
    responses = events[is_response(events) & events["episode_id"].notna()]
    grouped = responses.groupby("episode_id")
    return pd.DataFrame({
        "lethal": grouped["type"].agg(lambda t: bool(t.isin(LETHAL_TYPES).any())),
        "information_control": grouped["type"].agg(lambda t: bool(t.isin(INFORMATION_TYPES).any())),
        "preemptive_share": grouped["preemptive"].mean(),
    })


def _count_sums(events: pd.DataFrame) -> pd.DataFrame:
    """Stated counts summed over an episode's events (protests and responses alike)."""
    attached = events[events["episode_id"].notna()]
    return attached.groupby("episode_id")[list(COUNT_KEYS)].sum(min_count=1)


def repertoire_by_year(
    frame: pd.DataFrame, *, by: Sequence[str] = ("country",), families: Sequence[str] = RESPONSE_FAMILIES,
) -> pd.DataFrame:
    """Responses per family and year with their shares, grouped by ``by`` (fast path).

    frame: the event table (needs ``date``, ``family``, ``modality`` and the ``by`` columns).
    by: grouping columns before the year, e.g. ``("country",)`` or ``("country", "admin1")``.
    families: the response families to count (all four).
    RETURNS (DataFrame): columns ``*by, year, n_responses, n_<family>..., share_<family>...``;
        undated responses are left out. Shares are of all responses that group-year.
    """
    keys = list(by)
    asserted = frame["modality"].isna() | (frame["modality"] == "asserted")
    mask = asserted & frame["family"].isin(families)
    sub = frame.loc[mask, keys + ["family"]]
    year = year_of(frame.loc[mask, "date"])
    sub = sub.assign(year=year).dropna(subset=["year"])
    counts = sub.groupby(keys + ["year", "family"], observed=True, sort=True, dropna=False).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(families), fill_value=0)
    total = counts.sum(axis=1)
    out = counts.add_prefix("n_").join(counts.div(total, axis=0).add_prefix("share_"))
    out.insert(0, "n_responses", total)
    return out.reset_index()
