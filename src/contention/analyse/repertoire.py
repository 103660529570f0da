"""What the state did: response mixes per episode and repertoires per year.

``per_episode`` gives one row per episode (mix by family, lethal force, information control,
preemptive share, casualty counts and timing from ``sequences``); ``response_counts`` the mix
by type or family; ``repertoire_by_year`` the family shares of responses per country (and
region) and year, written to answer over millions of events in well under a second.

DOCS: docs/analysis.md#per-episode
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..link.episodes import episodes_frame
from ..records import Episode
from ..taxonomy import COUNT_KEYS, RESPONSE_FAMILIES, RESPONSE_FAMILY
from .frame import asserted_only, is_response, normalise_frame
from .sequences import episode_timing

LETHAL_TYPES = ("response.lethal_force",)
INFORMATION_TYPES = ("response.information_control",)
PREEMPTIVE_TYPES = ("response.surveillance",)


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
        of responses, ``lethal``, ``information_control``, ``n_preemptive`` and ``preemptive_share``
        (responses flagged preemptive or surveillance, see ``is_preemptive``), ``killed``,
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
    out["n_preemptive"] = out["n_preemptive"].fillna(0).astype(int)
    return out.reset_index()


def is_preemptive(events: pd.DataFrame) -> pd.Series:
    """A response aimed at protest that has not happened yet: flagged ``preemptive``, or
    ``response.surveillance`` (preemptive by nature, taxonomy v1.2)."""
    flag = events["preemptive"].fillna(False).astype(bool) if "preemptive" in events else False
    return (flag | events["type"].isin(PREEMPTIVE_TYPES)) & is_response(events)


def _flags(events: pd.DataFrame) -> pd.DataFrame:
    responses = events[is_response(events) & events["episode_id"].notna()]
    responses = responses.assign(_pre=is_preemptive(responses).astype(float))
    grouped = responses.groupby("episode_id")
    return pd.DataFrame({
        "lethal": grouped["type"].agg(lambda t: bool(t.isin(LETHAL_TYPES).any())),
        "information_control": grouped["type"].agg(lambda t: bool(t.isin(INFORMATION_TYPES).any())),
        "n_preemptive": grouped["_pre"].sum(),
        "preemptive_share": grouped["_pre"].mean(),
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
    by: grouping columns before the year, e.g. ``("country",)`` or ``("country", "admin1")``;
        missing values form their own group (national-level responses have no admin1).
    families: the response families to count (all four).
    RETURNS (DataFrame): columns ``*by, year, n_responses, n_<family>..., share_<family>...``;
        undated responses are left out. Shares are of all responses that group-year.
    """
    keys = list(by)
    fam_codes = _codes_in(frame["family"], families)
    asserted = (frame["modality"].isna() | (frame["modality"] == "asserted")).to_numpy()
    year = _years_fast(frame["date"])
    mask = asserted & (fam_codes >= 0) & (year >= 0)
    key_codes, key_values = [], []
    for col in keys:
        # factorize the whole column (fast on Arrow strings) and only then select rows
        codes, uniques = pd.factorize(frame[col], use_na_sentinel=False)
        key_codes.append(codes[mask].astype(np.int64))
        key_values.append(np.asarray(uniques, dtype=object))
    y = year[mask]
    y_min = int(y.min()) if len(y) else 0
    key_codes.append(y - y_min)
    key_values.append(np.arange(y_min, (int(y.max()) + 1) if len(y) else 0))
    sizes = [len(v) for v in key_values]
    flat = np.zeros(int(mask.sum()), dtype=np.int64)
    for codes, size in zip(key_codes, sizes):
        flat = flat * size + codes
    groups, counts = _count_groups(flat, fam_codes[mask], n_cells=int(np.prod(sizes)), n_families=len(families))
    return _repertoire_table(groups, counts, key_values, sizes, keys, families)


#: Above this many possible (group, year) cells, counting uses np.unique instead of bincount.
DENSE_CELLS = 20_000_000


def _codes_in(values: pd.Series, categories: Sequence[str]) -> np.ndarray:
    """Position of each value in ``categories``, -1 when absent or missing."""
    codes, uniques = pd.factorize(values)
    position = {c: i for i, c in enumerate(categories)}
    lookup = np.array([position.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
    return lookup[codes]


def _count_groups(flat: np.ndarray, fam: np.ndarray, *, n_cells: int, n_families: int) -> tuple[np.ndarray, np.ndarray]:
    """Occupied cells of ``flat`` and their counts per family (dense bincount when it fits)."""
    if n_cells * n_families <= DENSE_CELLS:
        dense = np.bincount(flat * n_families + fam, minlength=n_cells * n_families).reshape(n_cells, n_families)
        groups = np.flatnonzero(dense.sum(axis=1))
        return groups, dense[groups]
    groups, inverse = np.unique(flat, return_inverse=True)
    counts = np.zeros((len(groups), n_families), dtype=np.int64)
    np.add.at(counts, (inverse, fam), 1)
    return groups, counts


def _years_fast(dates: pd.Series) -> np.ndarray:
    """Year of each ISO date string as int64, -1 when missing (parses each distinct date once)."""
    codes, uniques = pd.factorize(dates)
    years = pd.to_numeric(pd.Series(uniques, dtype="string").str.slice(0, 4), errors="coerce")
    lookup = np.append(years.fillna(-1).to_numpy(dtype=np.int64), -1)  # code -1 (missing) -> last slot
    return lookup[codes]


def _repertoire_table(groups: np.ndarray, counts: np.ndarray, key_values: list[np.ndarray], sizes: list[int],
                      keys: list[str], families: Sequence[str]) -> pd.DataFrame:
    columns: dict[str, object] = {}
    rest = groups.copy()
    decoded = []
    for values, size in zip(reversed(key_values), reversed(sizes)):
        decoded.append(values[rest % size] if size else values[:0])
        rest = rest // size if size else rest
    for name, values in zip(keys + ["year"], reversed(decoded)):
        columns[name] = values
    out = pd.DataFrame(columns)
    if len(out):
        out["year"] = out["year"].astype(int)
    total = counts.sum(axis=1)
    out["n_responses"] = total
    for j, fam in enumerate(families):
        out[f"n_{fam}"] = counts[:, j]
    with np.errstate(invalid="ignore", divide="ignore"):
        for j, fam in enumerate(families):
            out[f"share_{fam}"] = counts[:, j] / total
    return out
