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
    return "n/a" if pd.isna(x) else f"{100 * x:+.0f} points"


def family_sentence(rows: pd.DataFrame, *, family: str, landmark: str, level: float,
                    event_keys: Iterable[str] = ()) -> Sentence:
    """One family's before/after result as a sentence (rows: that family's ``before_after`` rows)."""
    by = rows.set_index("period")
    b, a, d = by.loc["before"], by.loc["after"], by.loc["difference"]
    keys = tuple(sorted(set(event_keys)))
    n_compared = int(b.n_episodes) + int(a.n_episodes)
    if not keys and n_compared and b.estimate == 0 and a.estimate == 0:
        text = (f"No {family} responses were recorded in the {_episodes(n_compared)} compared around {landmark}; "
                f"the data cannot say whether the state used it (up to {_pct(max(b.ci_high, a.ci_high))} "
                f"of responses would fit them).")
        return Sentence(text=text, event_keys=(), topic=f"before_after:{family}")
    lv = f"{100 * level:.0f}%"
    text = (
        f"{family.capitalize()} made up {_pct(b.estimate)} of the responses in an average episode before "
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
    """A change point of a monthly series as a sentence."""
    month = pd.Timestamp(row["month"]).strftime("%Y-%m")
    if str(row["series"]).startswith("share_"):
        fam = str(row["series"]).removeprefix("share_")
        text = f"The {fam} share of responses shifted around {month}, from {_pct(row['before'])} to {_pct(row['after'])} of monthly responses."
    else:
        text = (f"Monthly {row['series']} shifted around {month}, from {row['before']:.1f} to "
                f"{row['after']:.1f} a month on average.")
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
