"""Saying how sure we are, in words, and citing the events behind every claim.

Every generated sentence is a ``Sentence`` with the ``event_keys`` of the events it rests on,
so a report can link each claim to its evidence.

DOCS: docs/analysis.md#uncertainty
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

#: Fewer episodes than this: the interval is wide; treat as suggestive.
VERY_FEW_EPISODES = 5
#: Fewer episodes than this: the interval is indicative only.
FEW_EPISODES = 15


@dataclass(frozen=True)
class Sentence:
    """A generated claim and the keys of the events it rests on."""

    text: str
    event_keys: tuple[str, ...] = ()
    topic: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "event_keys": list(self.event_keys), "topic": self.topic}


def _episodes(n: int) -> str:
    return f"{n} episode" + ("" if n == 1 else "s")


def describe_uncertainty(n: int, *, where: str = "") -> str:
    """How much ``n`` episodes can say, in words.

    n: number of episodes behind an estimate. where: a phrase such as "before the landmark".
    RETURNS (str): e.g. "only 3 episodes before the landmark: the interval is wide; treat as suggestive".
    """
    place = f" {where}" if where else ""
    if n <= 0:
        return f"no episodes{place}: nothing can be estimated"
    if n < VERY_FEW_EPISODES:
        return f"only {_episodes(n)}{place}: the interval is wide; treat as suggestive"
    if n < FEW_EPISODES:
        return f"{_episodes(n)}{place}: the interval is indicative; a few more or fewer episodes could move it"
    return f"{_episodes(n)}{place}"


def _pct(x: float) -> str:
    return "n/a" if pd.isna(x) else f"{100 * x:.0f}%"


def _points(x: float) -> str:
    if pd.isna(x):
        return "n/a"
    return "0 points" if abs(x) < 0.005 else f"{100 * x:+.0f} points"


#: How a measure is named in sentences.
MEASURE_WORDS = {"preemptive": "preemptive responses (flagged preemptive, or surveillance)"}


def family_sentence(rows: pd.DataFrame, *, family: str, landmark: str, level: float,
                    event_keys: Iterable[str] = ()) -> Sentence:
    """One measure's before/after result as a sentence (rows: that measure's ``before_after`` rows)."""
    by = rows.set_index("period")
    b, a, d = by.loc["before"], by.loc["after"], by.loc["difference"]
    keys = tuple(sorted(set(event_keys)))
    n_compared = int(b.n_episodes) + int(a.n_episodes)
    what = MEASURE_WORDS.get(family, f"{family} responses")
    if not keys and n_compared and b.estimate == 0 and a.estimate == 0:
        text = (f"No {what} were recorded in the {_episodes(n_compared)} compared around {landmark}; "
                f"the data cannot say whether the state used them (up to {_pct(max(b.ci_high, a.ci_high))} "
                f"of responses would fit them).")
        return Sentence(text=text, event_keys=(), topic=f"before_after:{family}")
    lv = f"{100 * level:.0f}%"
    subject = what[0].upper() + what[1:] if family == "preemptive" else family.capitalize()
    text = (
        f"{subject} made up {_pct(b.estimate)} of the responses in an average episode before "
        f"{landmark} ({lv} interval {_pct(b.ci_low)} to {_pct(b.ci_high)}; {_episodes(int(b.n_episodes))}) and "
        f"{_pct(a.estimate)} after ({_pct(a.ci_low)} to {_pct(a.ci_high)}; {_episodes(int(a.n_episodes))}): "
        f"a change of {_points(d.estimate)} ({_points(d.ci_low)} to {_points(d.ci_high)})."
    )
    text += " " + _verdict(d.ci_low, d.ci_high)
    notes = [describe_uncertainty(int(r.n_episodes), where=w) for r, w in
             ((b, f"before {landmark}"), (a, f"after {landmark}")) if int(r.n_episodes) < FEW_EPISODES]
    if notes:
        text += " Caution: " + "; ".join(notes) + "."
    return Sentence(text=text, event_keys=keys, topic=f"before_after:{family}")


def _verdict(low: float, high: float) -> str:
    if pd.isna(low) or pd.isna(high):
        return "There are too few episodes on one side to compare."
    if low > 0 or high < 0:
        return "The interval does not include zero, so the direction is clear at this level."
    return "The interval includes no change, so the data do not settle the direction."


def flag_sentence(per_episode: pd.DataFrame, period: pd.Series, *, column: str, what: str, landmark: str,
                  event_keys: Iterable[str] = ()) -> Sentence:
    """"<what> was reported in k of n episodes before ... and k of n after" for a bool column."""
    table = per_episode.assign(period=per_episode["episode_id"].map(period)).dropna(subset=["period"])
    parts = []
    for p in ("before", "after"):
        sub = table[table["period"] == p]
        parts.append(f"{int(sub[column].sum())} of {_episodes(len(sub))} {p} {landmark}")
    text = f"{what} was reported in " + " and ".join(parts) + "."
    return Sentence(text=text, event_keys=tuple(sorted(set(event_keys))), topic=f"flag:{column}")


def changepoint_sentence(row: pd.Series, *, event_keys: Iterable[str] = ()) -> Sentence:
    """A change point of a monthly series as a sentence, with its date interval and event counts."""
    month = pd.Timestamp(row["month"]).strftime("%Y-%m")
    span = ""
    if "month_low" in row and not pd.isna(row.get("month_low")):
        lo, hi = (pd.Timestamp(row["month_low"]).strftime("%Y-%m"), pd.Timestamp(row["month_high"]).strftime("%Y-%m"))
        span = f" (95% interval for the date: {lo} to {hi})" if lo != hi else " (95% interval: that month)"
    counts = ""
    if "events_before" in row and not pd.isna(row.get("events_before")):
        unit = "responses" if str(row["series"]).startswith("share_") else "events"
        counts = f"; {int(row['events_before'])} {unit} before, {int(row['events_after'])} after"
    if str(row["series"]).startswith("share_"):
        fam = str(row["series"]).removeprefix("share_")
        text = (f"The {fam} share of responses shifted around {month}{span}, from {_pct(row['before'])} to "
                f"{_pct(row['after'])} of monthly responses{counts}.")
    else:
        text = (f"Monthly {row['series']} shifted around {month}{span}, from {row['before']:.1f} to "
                f"{row['after']:.1f} a month on average{counts}.")
    return Sentence(text=text, event_keys=tuple(sorted(set(event_keys))), topic=f"changepoint:{row['series']}")


def transition_sentence(transitions: pd.DataFrame, *, from_family: str, landmark: str,
                        event_keys: Iterable[str] = ()) -> Sentence | None:
    """What most often followed ``from_family`` before and after the landmark (None if never seen)."""
    rows = transitions[transitions["from_family"] == from_family]
    parts = []
    for group in ("before", "after"):
        sub = rows[rows["group"] == group]
        if len(sub) == 0:
            parts.append(f"{group} {landmark} no such sequence was recorded")
            continue
        top = sub.loc[sub["count"].idxmax()]
        episodes = int(sub["n_episodes"].max())  # a lower bound on the episodes behind the row
        caution = "; too few to generalise, treat as suggestive" if episodes < VERY_FEW_EPISODES else ""
        parts.append(f"{group} {landmark} the next step was most often {top['to_family']} "
                     f"({_pct(top['share'])} of {int(sub['count'].sum())} transitions, "
                     f"in at least {_episodes(episodes)}{caution})")
    if len(rows) == 0:
        return None
    what = "a protest" if from_family == "protest" else from_family
    text = f"After {what}, " + "; ".join(parts) + "."
    return Sentence(text=text, event_keys=tuple(sorted(set(event_keys))), topic=f"transition:{from_family}")


# ------------------------------------------------------------------- coverage, sources, checks
_EPISODE_WORDS = {"any_repression": "any repression", "any_accommodation": "any accommodation",
                  "any_preemptive": "any preemptive response"}


def coverage_sentence(measures: pd.DataFrame, *, landmark: str, level: float) -> Sentence:
    """Toleration and coverage: episodes with no coded response, and the share of episodes with
    any repression / accommodation / preemptive response, before and after."""
    if measures.empty:
        return Sentence("No episodes to describe.", (), "coverage")
    by = measures.set_index(["measure", "period"])
    nr_b, nr_a = by.loc[("no_response", "before")], by.loc[("no_response", "after")]
    lv = f"{100 * level:.0f}%"
    text = (f"Of the {_episodes(int(nr_b.n_episodes))} with protests before {landmark}, "
            f"{int(nr_b['count'])} ({_pct(nr_b.estimate)}) had no coded response (tolerated, ignored, or no "
            f"response reported); after, {int(nr_a['count'])} of {int(nr_a.n_episodes)} ({_pct(nr_a.estimate)}).")
    parts = []
    for m, words in _EPISODE_WORDS.items():
        b, a, d = by.loc[(m, "before")], by.loc[(m, "after")], by.loc[(m, "difference")]
        parts.append(f"{words} {_pct(b.estimate)} before and {_pct(a.estimate)} after "
                     f"({_points(d.estimate)}, {lv} interval {_points(d.ci_low)} to {_points(d.ci_high)})")
    text += " Share of all episodes with " + "; ".join(parts) + "."
    return Sentence(text=text, event_keys=(), topic="coverage")


def excluded_sentence(excluded: dict, *, landmark: str) -> Sentence:  # type: ignore[type-arg]
    """What the share-of-responses estimates leave out, and why."""
    comp, none = excluded.get("compared", {}), excluded.get("no_response", {})
    text = (f"Shares of responses are means over the {comp.get('before', 0)} + {comp.get('after', 0)} episodes "
            f"with at least one coded response before + after {landmark}; left out of them: "
            f"{none.get('before', 0) + none.get('after', 0)} episodes with protests but no coded response "
            f"(a share of nothing is undefined; they are counted in the line on episodes above)")
    extra = []
    if excluded.get("no_period"):
        extra.append(f"{excluded['no_period']} undated episodes (neither before nor after)")
    if excluded.get("unattached_responses"):
        pre = excluded.get("unattached_preemptive", 0)
        extra.append(f"{excluded['unattached_responses']} responses attached to no episode"
                     + (f", {pre} of them preemptive" if pre else ""))
    window = excluded.get("window") or [None, None]
    if any(window):
        extra.append(f"episodes starting outside {window[0] or 'the start'} to {window[1] or 'the end'}")
    text += ("; and " + "; ".join(extra) if extra else "") + "."
    return Sentence(text=text, event_keys=(), topic="excluded")


def source_sentences(by_source: pd.DataFrame, disagreements: list, *, pooled: pd.DataFrame,  # type: ignore[type-arg]
                     landmark: str) -> list[Sentence]:
    """The difference per source beside the pooled one, and a warning per measure whose sources
    disagree in sign."""
    from .sources import source_name

    diffs = by_source[by_source["period"] == "difference"]
    pool = pooled[pooled["period"] == "difference"].set_index("family")
    parts = []
    for fam in ("repression", "accommodation", "preemptive"):
        rows = diffs[diffs["family"] == fam]
        if rows.empty or fam not in pool.index:
            continue
        each = ", ".join(f"{_points(r.estimate)} in {source_name(str(r.source))} ({int(r.n_episodes)} episodes)"
                         for r in rows.itertuples())
        parts.append(f"{fam}: {_points(pool.loc[fam, 'estimate'])} pooled; {each}")
    out = [Sentence("Per source, the change after " + landmark + " was " + " | ".join(parts) + ".", (), "sources")]
    for d in disagreements:
        each = ", ".join(f"{source_name(s)} {_points(v)}" for s, v in d["sources"].items())
        clear = d.get("clear") or []
        tail = (f" In {', '.join(source_name(s) for s in clear)} the interval excludes zero." if clear
                else " No source's interval excludes zero.")
        text = (f"Warning: the sources disagree on the direction of {d['measure']} after {landmark} ({each}). "
                f"The pooled estimate mixes them; read each source's estimate, and select one with --origin.{tail}")
        out.append(Sentence(text, (), f"warning:sources:{d['measure']}"))
    return out


def placebo_sentence(summary: pd.DataFrame, *, landmark: str) -> Sentence | None:
    """Where the landmark's shift ranks among placebo dates."""
    if summary.empty:
        return None
    rows = summary.set_index("family")
    n = int(rows["n_placebo"].max())
    if n == 0:
        return Sentence(f"Placebo check: no other date had enough episodes on both sides to compare with "
                        f"{landmark}.", (), "placebo")
    parts = []
    for fam in ("repression", "accommodation", "preemptive"):
        if fam in rows.index:
            r = rows.loc[fam]
            k = int(r["rank"]) - 1
            parts.append(f"{fam} ({_points(r.landmark_difference)}) ranks {int(r['rank'])} of {int(r.n_dates)}, "
                         f"{k} placebo date{'' if k == 1 else 's'} shifting as much or more")
    text = (f"Placebo check: the same comparison at {n} other dates (every 6 months, at least a year away from "
            f"{landmark}): " + "; ".join(parts) + ". A landmark that taught something should rank near the top; "
            "placebo dates share episodes with each other, so this is a description, not a test.")
    return Sentence(text, (), "placebo")


def pretrend_sentence(trend: pd.DataFrame, *, landmark: str, level: float) -> Sentence | None:
    """Whether the shares were already moving before the landmark."""
    if trend.empty:
        return None
    n = int(trend["n_episodes"].max())
    if (trend["note"] == "too few episodes").all():
        return Sentence(f"Pre-trend: only {_episodes(n)} with responses before {landmark}; too few to estimate "
                        "a trend.", (), "pretrend")
    lv = f"{100 * level:.0f}%"
    parts, moving = [], []
    for r in trend.itertuples():
        if r.family not in ("repression", "accommodation", "preemptive"):
            continue
        if r.note:
            parts.append(f"{r.family} {r.note}")
            continue
        parts.append(f"{r.family} {_points(r.slope_per_year)} a year ({_points(r.ci_low)} to {_points(r.ci_high)})")
        if r.ci_low > 0 or r.ci_high < 0:
            moving.append(r.family)
    text = (f"Pre-trend over the {_episodes(n)} with responses before {landmark} "
            f"(from {trend['first'].iloc[0]}; {lv} intervals): " + "; ".join(parts) + ". ")
    text += (f"The {' and '.join(moving)} share{'s were' if len(moving) > 1 else ' was'} already moving before the "
             "landmark: part of the change could continue that trend." if moving
             else "No clear trend before the landmark.")
    return Sentence(text, (), "pretrend")


def design_sentence(*, landmark: str, name: str) -> Sentence:
    """What a before/after comparison cannot rule out."""
    text = (f"What this comparison cannot rule out: changes in how the sources covered the country around {name} "
            "(more or fewer reports, other kinds of events reported, a dataset's coding rules), and other events "
            f"near {landmark} (elections, new leaders, economic shocks) that could move the repertoire without any "
            "lesson being learned. Episodes are grouped by rule, not read one by one.")
    return Sentence(text, (), "design")


def landmark_sentence(marks: pd.DataFrame, linked: pd.DataFrame, *, landmark: str, name: str = "") -> Sentence:
    """The landmark episode itself: where, when, and what the state did."""
    what = f"{name}, {landmark}" if name else landmark
    if marks.empty:
        return Sentence(f"No episode in the data was in progress on {landmark} or began in the week after it: "
                        f"the landmark {what} itself is not among the compared episodes.", (), "landmark_episode")
    ids = set(marks["episode_id"])
    events = linked[linked["episode_id"].isin(ids)]
    responses = events[events["family"] != "protest"]
    kinds = ", ".join(f"{t.removeprefix('response.').replace('_', ' ')} ({n})"
                      for t, n in responses["type"].value_counts().sort_index().items()) or "no coded response"
    where = "; ".join(
        f"{r.episode_id} ({_day(r.start)} to {_day(r.end)}, {int(r.n_protests)} protests)" for r in marks.itertuples())
    lethal = bool(marks["lethal"].any()) if "lethal" in marks else False
    killed = int(marks["killed"].sum()) if "killed" in marks else 0
    text = (f"The landmark episode{'s' if len(marks) > 1 else ''} of {what}: {where}. Responses: {kinds}. "
            + ("Lethal force is recorded" + (f", {killed} killed stated" if killed else "") + "." if lethal
               else "No lethal force is recorded in the data for it."))
    return Sentence(text, tuple(sorted(responses["event_key"])), "landmark_episode")


def _day(x: object) -> str:
    return "?" if x is None or pd.isna(x) else pd.Timestamp(x).strftime("%Y-%m-%d")  # type: ignore[arg-type]
