"""``learn``: everything the analysis says about one country's (or region's) regime learning.

DOCS: docs/analysis.md#learn
"""
from __future__ import annotations

import json
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..link.episodes import AFTERMATH_DAYS, GAP_DAYS, LEAD_DAYS, WINDOW_DAYS, build_episodes
from ..taxonomy import RESPONSE_FAMILIES, TAXONOMY_VERSION
from .changepoints import changepoints as _changepoints
from .compare import (EPISODE_METHOD, LANDMARK_LEAD_DAYS, LEVEL, MEASURES, PREEMPTIVE, episode_shares,
                      landmark_acts, period_of, responses_per_episode, share_matrix)
from .compare import before_after as _before_after
from .compare import shares_by_year as _episode_years
from .frame import asserted_only, date_bounds, normalise_frame
from .repertoire import is_preemptive, repertoire_by_year, with_episodes
from .repertoire import per_episode as _per_episode
from .robustness import (in_window, landmark_episodes, placebo, placebo_summary, pretrend, resolve_window)
from .sequences import transition_keys
from .sequences import transitions as _transitions
from .sources import origin_counts, parse_origins, select_origin, sign_disagreements, source_of
from .uncertainty import (Sentence, changepoint_sentence, coverage_sentence, design_sentence, excluded_sentence,
                          family_sentence, flag_sentence, landmark_sentence, placebo_sentence, pretrend_sentence,
                          source_sentences, transition_sentence)

INTERVAL_KEYS = ("estimate", "ci_low", "ci_high", "n_episodes")
#: A source needs this many episodes with responses on each side for its estimate to count in
#: the sign-disagreement warning.
SOURCE_MIN_EPISODES = 3
ESTIMATE_COLUMNS = ("country", "landmark", "source", "measure", "kind", "period", "estimate", "ci_low", "ci_high",
                    "n_episodes", "method", "level")


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


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
    landmark_name: str = ""
    origin: tuple[str, ...] | None = None
    window: tuple[str | None, str | None] = (None, None)
    episode_measures: pd.DataFrame = field(default_factory=_empty)
    excluded: dict[str, object] = field(default_factory=dict)
    by_source: pd.DataFrame = field(default_factory=_empty)
    source_warnings: tuple[dict[str, object], ...] = ()
    placebo: pd.DataFrame = field(default_factory=_empty)
    placebo_summary: pd.DataFrame = field(default_factory=_empty)
    pretrend: pd.DataFrame = field(default_factory=_empty)
    landmark_episodes: pd.DataFrame = field(default_factory=_empty)
    methods: dict[str, object] = field(default_factory=dict)

    def sentence_list(self) -> list[Sentence]:
        """The sentences as ``Sentence`` objects (text + event_keys)."""
        return [Sentence(r.text, tuple(r.event_keys), r.topic) for r in self.sentences.itertuples()]

    @property
    def warnings(self) -> list[str]:
        """The warning sentences (sources that disagree in sign, ...)."""
        return [s.text for s in self.sentence_list() if s.topic.startswith("warning")]

    def to_json(self, **dumps: Any) -> str:
        """``to_dict()`` as JSON text (keyword arguments go to ``json.dumps``, e.g. ``indent=1``; NaN is null)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, **dumps)

    def to_dict(self) -> dict[str, object]:
        """Per measure (the four families and ``preemptive``) {before, after, difference:
        {estimate, ci_low, ci_high, n_episodes}}, plus ``country``, ``landmark``, ``n_events``
        and the sections ``landmark_name``, ``origin``, ``window``, ``episodes`` (the
        episode-level measures), ``excluded``, ``sources``, ``warnings``, ``placebo``,
        ``pretrend``, ``landmark_episodes``, ``changepoints`` and ``methods``; NaN becomes None."""
        out: dict[str, object] = {}
        table = self.before_after.set_index(["family", "period"])
        for fam in MEASURES:
            if (fam, "before") in table.index:
                out[fam] = {p: {k: _json_number(table.loc[(fam, p), k]) for k in INTERVAL_KEYS}
                            for p in ("before", "after", "difference")}
        out.update(country=self.country, landmark=self.landmark, n_events=int(self.n_events))
        out["landmark_name"] = self.landmark_name
        out["origin"] = list(self.origin) if self.origin else None
        out["window"] = {"from": self.window[0], "to": self.window[1]}
        out["episodes"] = _nested(self.episode_measures, key="measure", extra=("count",))
        out["excluded"] = _plain(self.excluded)
        out["sources"] = {str(s): _nested(rows.drop(columns="source"), key="family")
                          for s, rows in self.by_source.groupby("source", sort=False)} if len(self.by_source) else {}
        out["warnings"] = self.warnings
        out["placebo"] = _records(self.placebo_summary)
        out["pretrend"] = _records(self.pretrend)
        out["landmark_episodes"] = _records(self.landmark_episodes[[c for c in LANDMARK_EPISODE_COLUMNS
                                                                    if c in self.landmark_episodes.columns]])
        out["changepoints"] = _records(self.changepoints)
        out["methods"] = _plain(self.methods)
        return out

    def estimates_table(self) -> pd.DataFrame:
        """Every estimate with its interval as one tidy table (for CSV/JSON beside the report):
        columns ESTIMATE_COLUMNS; ``kind`` is ``share of responses`` (per-episode mean) or
        ``share of episodes``; ``source`` is ``all`` for the pooled estimate."""
        parts = []
        ba = self.before_after.assign(source="all")
        if len(self.by_source):
            ba = pd.concat([ba, self.by_source], ignore_index=True)
        parts.append(ba.rename(columns={"family": "measure"}).assign(kind="share of responses"))
        if len(self.episode_measures):
            ep = self.episode_measures.assign(source="all", kind="share of episodes",
                                              method=EPISODE_METHOD)
            parts.append(ep)
        out = pd.concat(parts, ignore_index=True).assign(country=self.country, landmark=self.landmark, level=self.level)
        return out[list(ESTIMATE_COLUMNS)].reset_index(drop=True)


LANDMARK_EPISODE_COLUMNS = ("episode_id", "admin1", "place", "start", "end", "n_protests", "n_responses", "lethal",
                            "killed", "n_repression", "n_accommodation", "n_preemptive", "period")


def _json_number(x: object) -> float | int | None:
    """A plain JSON number: numpy integers become int, NaN becomes None."""
    if isinstance(x, bool):
        return x  # type: ignore[return-value]
    if isinstance(x, numbers.Integral):
        return int(x)
    if isinstance(x, numbers.Real) and not math.isnan(float(x)):
        return float(x)
    return None


def _plain(x: object) -> object:
    """JSON-safe copy: numbers via _json_number, Timestamps as ISO dates, containers recursively."""
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, pd.Timestamp):
        return None if pd.isna(x) else x.strftime("%Y-%m-%d")
    if isinstance(x, (numbers.Number, bool)) or x is None:
        return _json_number(x) if x is not None else None
    if isinstance(x, float) and math.isnan(x):
        return None
    try:
        if pd.isna(x):  # type: ignore[arg-type]
            return None
    except (TypeError, ValueError):
        pass
    return x if isinstance(x, str) else str(x)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [_plain(r) for r in frame.to_dict(orient="records")] if len(frame) else []  # type: ignore[misc]


def _nested(frame: pd.DataFrame, *, key: str, extra: Sequence[str] = ()) -> dict[str, object]:
    if frame.empty:
        return {}
    out: dict[str, object] = {}
    for name, rows in frame.groupby(key, sort=False):
        by = rows.set_index("period")
        out[str(name)] = {p: {k: _json_number(by.loc[p, k]) for k in (*INTERVAL_KEYS, *extra) if k in by.columns}
                          for p in by.index}
    return out


@dataclass(frozen=True)
class _Compared:
    """One comparison's inputs and outputs: the episodes, their periods, the estimates."""

    events: pd.DataFrame
    table: pd.DataFrame
    mapping: pd.DataFrame
    linked: pd.DataFrame
    period: pd.Series
    before_after: pd.DataFrame
    acts: frozenset[str] = frozenset()  # episodes holding an event dated the landmark day


def _compare(events: pd.DataFrame, *, region: str | None, landmark: str, spanning: str, window: tuple,
             n_boot: int, seed: int, level: float, method: str, episode_options: dict[str, object]) -> _Compared:
    episodes, mapping = build_episodes(events, **episode_options)  # type: ignore[arg-type]
    table = _per_episode(events, episodes, mapping)
    linked = with_episodes(events, mapping)
    if region is not None:
        table = table[table["admin1"] == region].reset_index(drop=True)
        keep = linked["episode_id"].isin(table["episode_id"]) | (linked["admin1"] == region)
        events, linked = events[events["event_key"].isin(linked.loc[keep, "event_key"])], linked[keep]
    lo, hi = window
    if lo is not None or hi is not None:
        table = table[in_window(table["start"], lo, hi).to_numpy()].reset_index(drop=True)
    acts = landmark_acts(linked, landmark)
    period = period_of(table, landmark, spanning=spanning, acts=acts)
    ba = _before_after(share_matrix(table), period, n_boot=n_boot, seed=seed, level=level, method=method,
                       sizes=responses_per_episode(table))
    return _Compared(events, table.assign(period=table["episode_id"].map(period)), mapping, linked, period, ba, acts)


def learn(
    frame: pd.DataFrame, *, country: str = "KZ", region: str | None = None, landmark: str = "2011-12-16",
    n_boot: int = 2000, seed: int = 0, level: float = LEVEL, spanning: str = "before",
    window_days: int = WINDOW_DAYS, gap_days: int = GAP_DAYS, aftermath_days: int = AFTERMATH_DAYS,
    place_level: str = "admin1", origin: str | Sequence[str] | None = None, date_from: str | None = None,
    date_to: str | None = None, window_years: float | None = None, method: str = "score",
    landmark_name: str = "", by_source: bool = True, robustness: bool = True,
) -> LearningResult:
    """Episodes, per-episode repertoires, before/after ``landmark``, and the checks around it.

    frame: the event table (any countries; only asserted events of ``country`` are used).
    country: ISO code ("KZ"). region: restrict to episodes in this admin1 (None = whole country).
    landmark: ISO date splitting before/after ("2011-12-16"); landmark_name: what happened.
    n_boot, seed, level: bootstrap replicates (2000, for the ``boot_*`` comparison columns),
    seed (0), interval level (0.95). method: the interval (``score``, see ``before_after``).
    spanning: where the landmark episode goes ("before"; see ``period_of``: in progress on the landmark day,
        starting within 7 days after it, or holding an event dated that day).
    origin: only events of these origins (``"imported:mm"``, a list, or "a,b"; see
    ``sources``). date_from, date_to: only episodes starting in this range (ISO dates);
    window_years: only episodes within this many years of the landmark.
    window_days, gap_days, aftermath_days, place_level: see ``build_episodes``.
    by_source: split the estimates by source when the events come from several (True).
    robustness: placebo landmarks and pre-trend (True).
    RETURNS (LearningResult): the tables and sentences. ValueError for a malformed date or window.
    """
    window = resolve_window(landmark, date_from=date_from, date_to=date_to, window_years=window_years)
    origins = parse_origins(origin)
    events = asserted_only(normalise_frame(frame))
    events = select_origin(events[events["country"] == country], origins)
    episode_options = {"window_days": window_days, "gap_days": gap_days, "aftermath_days": aftermath_days,
                       "place_level": place_level}
    common = {"region": region, "landmark": landmark, "spanning": spanning, "window": window, "n_boot": n_boot,
              "seed": seed, "level": level, "method": method, "episode_options": episode_options}
    main = _compare(events, **common)  # type: ignore[arg-type]
    events, table, linked, period, ba = main.events, main.table, main.linked, main.period, main.before_after
    dated_events = _events_in_window(events, window)
    cps = _changepoints(dated_events)
    trans = _transitions(linked, groups=period.dropna().to_dict())
    measures = episode_shares(table, period, level=level)
    excluded = _excluded(table, period, linked, window)
    split = _by_source(events, common) if by_source else pd.DataFrame()
    disagreements = sign_disagreements(split, measures=MEASURES, min_episodes=SOURCE_MIN_EPISODES) if len(split) else []
    placebos = summary = trend = pd.DataFrame()
    if robustness:
        if window_years is not None:  # each placebo date gets the same symmetric window
            wide = _compare(events, **{**common, "window": (None, None)})  # type: ignore[arg-type]
            placebos = placebo(wide.table, landmark, spanning=spanning, level=level, window_years=window_years,
                               acts=wide.acts)
        else:
            placebos = placebo(table, landmark, spanning=spanning, level=level, acts=main.acts)
        summary = placebo_summary(placebos)
        trend = pretrend(table, period, landmark, level=level)
    marks = landmark_episodes(table, landmark, acts=main.acts)
    label = landmark_name or landmark
    sentences = [landmark_sentence(marks, linked, landmark=landmark, name=landmark_name)]
    sentences += _sentences(ba, table, period, linked, cps, landmark=landmark, level=level)
    sentences += [coverage_sentence(measures, landmark=landmark, level=level),
                  excluded_sentence(excluded, landmark=landmark)]
    if len(split):
        sentences += source_sentences(split, disagreements, pooled=ba, landmark=landmark)
    if robustness:
        sentences += [s for s in (placebo_sentence(summary, landmark=landmark),
                                  pretrend_sentence(trend, landmark=landmark, level=level)) if s is not None]
    sentences.append(design_sentence(landmark=landmark, name=label))
    sentences += _transition_sentences(trans, linked, period, landmark=landmark)
    methods = _methods(events, table, ba, n_boot=n_boot, seed=seed, level=level, method=method, landmark=landmark,
                       landmark_name=landmark_name, window=window, origins=origins, region=region,
                       spanning=spanning, episode_options=episode_options)
    return LearningResult(
        country=country, region=region, landmark=landmark, level=level, n_events=len(events),
        episodes=table[["episode_id", "country", "admin1", "place", "start", "end", "n_protests",
                        "n_responses", "label", "period"]],
        per_episode=table, shares_by_year=_years(dated_events, table), before_after=ba, changepoints=cps,
        transitions=trans, sentences=pd.DataFrame([s.to_dict() for s in sentences], columns=["text", "event_keys", "topic"]),
        mapping=main.mapping[main.mapping["event_key"].isin(events["event_key"])].reset_index(drop=True),
        landmark_name=landmark_name, origin=origins,
        window=tuple(None if d is None else d.strftime("%Y-%m-%d") for d in window),  # type: ignore[arg-type]
        episode_measures=measures, excluded=excluded, by_source=split, source_warnings=tuple(disagreements),
        placebo=placebos, placebo_summary=summary, pretrend=trend,
        landmark_episodes=marks, methods=methods,
    )


def _events_in_window(events: pd.DataFrame, window: tuple) -> pd.DataFrame:
    lo, hi = window
    if lo is None and hi is None:
        return events
    first, last = date_bounds(events["date"])
    keep = first.notna()
    if lo is not None:
        keep &= last >= lo
    if hi is not None:
        keep &= first <= hi
    return events[keep.to_numpy()]


def _by_source(events: pd.DataFrame, common: dict[str, object]) -> pd.DataFrame:
    """``before_after`` per source, when the compared events come from more than one."""
    sources = source_of(events["origin"])
    names = [s for s in dict.fromkeys(sources) if s]
    if len(names) < 2:
        return pd.DataFrame()
    parts = []
    for name in sorted(names):
        sub = events[(sources == name).to_numpy()]
        parts.append(_compare(sub, **common).before_after.assign(source=name))  # type: ignore[arg-type]
    return pd.concat(parts, ignore_index=True)


def _excluded(table: pd.DataFrame, period: pd.Series, linked: pd.DataFrame, window: tuple) -> dict[str, object]:
    """What the share-of-responses estimates leave out, and why (counts)."""
    labelled = table.assign(period=table["episode_id"].map(period))
    has = labelled["n_responses"].fillna(0) > 0
    responses = linked[linked["family"] != "protest"]
    unattached = responses[responses["episode_id"].isna()]
    return {
        "episodes": int(len(table)),
        "compared": {p: int((has & (labelled["period"] == p)).sum()) for p in ("before", "after")},
        "no_response": {p: int((~has & (labelled["period"] == p)).sum()) for p in ("before", "after")},
        "no_period": int(labelled["period"].isna().sum()),
        "unattached_responses": int(len(unattached)),
        "unattached_preemptive": int(is_preemptive(unattached).sum()) if len(unattached) else 0,
        "window": [None if d is None else d.strftime("%Y-%m-%d") for d in window],
    }


def _methods(events: pd.DataFrame, table: pd.DataFrame, ba: pd.DataFrame, *, n_boot: int, seed: int, level: float,
             method: str, landmark: str, landmark_name: str, window: tuple, origins: tuple[str, ...] | None,
             region: str | None, spanning: str, episode_options: dict[str, object]) -> dict[str, object]:
    """The methods box: sources and counts, episode rules, intervals, seed, taxonomy version."""
    from .. import __version__

    return {
        "sources": origin_counts(events).to_dict(orient="records"),
        "origin_filter": list(origins) if origins else None,
        "region": region,
        "landmark": landmark, "landmark_name": landmark_name,
        "window": [None if d is None else d.strftime("%Y-%m-%d") for d in window],
        "episodes": int(len(table)),
        "episode_rules": {**episode_options, "lead_days": LEAD_DAYS, "spanning": spanning,
                          "landmark_episode": (f"in progress on the landmark day, starting within {LANDMARK_LEAD_DAYS} "
                                               "days after it, or holding an event dated that day"),
                          "unit": "episode (each episode with responses counts once; shares are per-episode means)"},
        "interval": {"method": str(ba["method"].iloc[0]) if len(ba) else method, "level": level,
                     "episode_measures": EPISODE_METHOD,
                     "bootstrap_draws": n_boot, "seed": seed,
                     "note": "boot_low/boot_high: percentile bootstrap of episodes with the same draws and seed"},
        "taxonomy_version": TAXONOMY_VERSION,
        "contention_version": __version__,
    }


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
    if (ba["family"] == PREEMPTIVE).any():
        keys = in_periods.loc[is_preemptive(in_periods), "event_key"] if len(in_periods) else []
        out.append(family_sentence(ba[ba["family"] == PREEMPTIVE], family=PREEMPTIVE, landmark=landmark,
                                   level=level, event_keys=keys))
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
