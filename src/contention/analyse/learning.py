"""``learn``: everything the analysis says about one country's (or region's) regime learning.

DOCS: docs/analysis.md#learn
"""
from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..link.episodes import AFTERMATH_DAYS, GAP_DAYS, WINDOW_DAYS, build_episodes
from ..taxonomy import RESPONSE_FAMILIES
from .changepoints import changepoints as _changepoints
from .compare import LEVEL, period_of, share_matrix
from .compare import before_after as _before_after
from .compare import shares_by_year as _episode_years
from .frame import asserted_only, normalise_frame
from .repertoire import per_episode as _per_episode
from .repertoire import repertoire_by_year, with_episodes
from .sequences import transition_keys
from .sequences import transitions as _transitions
from .uncertainty import Sentence, changepoint_sentence, family_sentence, flag_sentence, transition_sentence

INTERVAL_KEYS = ("estimate", "ci_low", "ci_high", "n_episodes")


@dataclass(frozen=True)
class LearningResult:
    """The tables of one ``learn`` run (see docs/analysis.md#learn for every column)."""

    country: str
    region: str | None
    landmark: str
    level: float
    n_events: int
    episodes: pd.DataFrame
    per_episode: pd.DataFrame
    shares_by_year: pd.DataFrame
    before_after: pd.DataFrame
    changepoints: pd.DataFrame
    transitions: pd.DataFrame
    sentences: pd.DataFrame
    mapping: pd.DataFrame

    def sentence_list(self) -> list[Sentence]:
        """The sentences as ``Sentence`` objects (text + event_keys)."""
        return [Sentence(r.text, tuple(r.event_keys), r.topic) for r in self.sentences.itertuples()]

    def to_json(self, **dumps: Any) -> str:
        """``to_dict()`` as a JSON text (keyword arguments go to ``json.dumps``, e.g. ``indent=1``)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **dumps)

    def to_dict(self) -> dict[str, object]:
        """Per family {before, after, difference: {estimate, ci_low, ci_high, n_episodes}},
        plus ``country``, ``landmark`` and ``n_events``; NaN becomes None."""
        out: dict[str, object] = {}
        table = self.before_after.set_index(["family", "period"])
        for fam in RESPONSE_FAMILIES:
            out[fam] = {p: {k: _json_number(table.loc[(fam, p), k]) for k in INTERVAL_KEYS}
                        for p in ("before", "after", "difference")}
        out.update(country=self.country, landmark=self.landmark, n_events=int(self.n_events))
        return out


def _json_number(x: object) -> float | int | None:
    """A plain JSON number: numpy integers become int, NaN becomes None."""
    if isinstance(x, numbers.Integral):
        return int(x)
    if isinstance(x, numbers.Real) and not math.isnan(float(x)):
        return float(x)
    return None


def learn(
    frame: pd.DataFrame, *, country: str = "KZ", region: str | None = None, landmark: str = "2011-12-16",
    n_boot: int = 2000, seed: int = 0, level: float = LEVEL, spanning: str = "before",
    window_days: int = WINDOW_DAYS, gap_days: int = GAP_DAYS, aftermath_days: int = AFTERMATH_DAYS,
    place_level: str = "admin1",
) -> LearningResult:
    """Episodes, per-episode repertoires, before/after ``landmark``, change points, transitions.

    frame: the event table (any countries; only asserted events of ``country`` are used).
    country: ISO code ("KZ"). region: restrict to episodes in this admin1 (None = whole country).
    landmark: ISO date splitting before/after ("2011-12-16"). n_boot, seed, level: bootstrap
    replicates (2000), seed (0), interval level (0.95). spanning: where an episode spanning the
    landmark goes ("before"). window_days, gap_days, aftermath_days, place_level: see
    ``build_episodes``.
    RETURNS (LearningResult): the tables and sentences.
    """
    events = asserted_only(normalise_frame(frame))
    events = events[events["country"] == country]
    episodes, mapping = build_episodes(events, window_days=window_days, gap_days=gap_days,
                                       aftermath_days=aftermath_days, place_level=place_level)
    table = _per_episode(events, episodes, mapping)
    linked = with_episodes(events, mapping)
    if region is not None:
        table = table[table["admin1"] == region].reset_index(drop=True)
        keep = linked["episode_id"].isin(table["episode_id"]) | (linked["admin1"] == region)
        events, linked = events[events["event_key"].isin(linked.loc[keep, "event_key"])], linked[keep]
    period = period_of(table, landmark, spanning=spanning)
    ba = _before_after(share_matrix(table), period, n_boot=n_boot, seed=seed, level=level)
    table = table.assign(period=table["episode_id"].map(period))
    cps = _changepoints(events)
    trans = _transitions(linked, groups=period.dropna().to_dict())
    sentences = _sentences(ba, table, period, linked, cps, landmark=landmark, level=level)
    sentences += _transition_sentences(trans, linked, period, landmark=landmark)
    return LearningResult(
        country=country, region=region, landmark=landmark, level=level, n_events=len(events),
        episodes=table[["episode_id", "country", "admin1", "place", "start", "end", "n_protests",
                        "n_responses", "label", "period"]],
        per_episode=table, shares_by_year=_years(events, table), before_after=ba, changepoints=cps,
        transitions=trans, sentences=pd.DataFrame([s.to_dict() for s in sentences], columns=["text", "event_keys", "topic"]),
        mapping=mapping[mapping["event_key"].isin(events["event_key"])].reset_index(drop=True),
    )


def _years(events: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Event-level family shares per year joined with episode-level mean shares per year."""
    by_events = repertoire_by_year(events, by=("country",))
    by_episodes = _episode_years(table, by=("country",))
    by_episodes = by_episodes.rename(columns={c: f"episode_{c}" for c in by_episodes.columns if c.startswith("share_")})
    by_events["year"] = by_events["year"].astype(int)
    out = by_events.merge(by_episodes, on=["country", "year"], how="outer").sort_values("year")
    out["n_episodes"] = out["n_episodes"].fillna(0).astype(int)
    return out.reset_index(drop=True)


def _transition_sentences(trans: pd.DataFrame, linked: pd.DataFrame, period: pd.Series, *,
                          landmark: str) -> list[Sentence]:
    """What followed a protest, and what followed repression, before and after."""
    out = []
    for source in ("protest", "repression"):
        keys: list[str] = []
        for group in ("before", "after"):
            sub = trans[(trans["from_family"] == source) & (trans["group"] == group)]
            if len(sub):
                target = str(sub.loc[sub["count"].idxmax(), "to_family"])
                ids = set(period[period == group].index)
                keys += transition_keys(linked, from_family=source, to_family=target, episode_ids=ids)
        sentence = transition_sentence(trans, from_family=source, landmark=landmark, event_keys=keys)
        if sentence is not None:
            out.append(sentence)
    return out


def _sentences(ba: pd.DataFrame, table: pd.DataFrame, period: pd.Series, linked: pd.DataFrame,
               cps: pd.DataFrame, *, landmark: str, level: float) -> list[Sentence]:
    in_periods = linked[linked["episode_id"].isin(period.dropna().index)]
    out = []
    for fam in RESPONSE_FAMILIES:
        keys = in_periods.loc[in_periods["family"] == fam, "event_key"]
        out.append(family_sentence(ba[ba["family"] == fam], family=fam, landmark=landmark, level=level,
                                   event_keys=keys))
    for column, what, rtype in (("lethal", "Lethal force", "response.lethal_force"),
                                ("information_control", "Information control", "response.information_control")):
        keys = in_periods.loc[in_periods["type"] == rtype, "event_key"]
        out.append(flag_sentence(table, period, column=column, what=what, landmark=landmark, event_keys=keys))
    month = pd.to_datetime(linked["date"].where(linked["date"].astype("string").str.len() >= 7).astype("string").str.slice(0, 7),
                           format="%Y-%m", errors="coerce")
    for _, row in cps.iterrows():
        series = str(row["series"])
        fam = series.removeprefix("share_")
        mask = (month >= row["month"] - pd.DateOffset(months=1)) & (month <= row["month"] + pd.DateOffset(months=1))
        if fam == "protests":
            mask &= linked["family"] == "protest"
        elif fam != "responses":
            mask &= linked["family"] == fam
        out.append(changepoint_sentence(row, event_keys=linked.loc[mask, "event_key"]))
    return out
