"""The report's learning section: the analysis's charts and sentences, each sentence linking to its events."""
from __future__ import annotations

from html import escape

import pandas as pd

from ..analyse import learn
from ..analyse.charts import before_after_chart, repertoire_chart
from ..link.episodes import build_episodes, episodes_frame

#: Landmarks used when the data covers these countries (a user picks others with `contention learn --landmark`).
LANDMARKS = {"KZ": ("2011-12-16", "the Zhanaozen shooting")}
MIN_RESPONSES = 5  # fewer asserted responses than this in a country: no learning section for it


def learning_sections(events: pd.DataFrame, *, n_boot: int = 1000) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[tuple[str, str]]]:
    """(episodes table, event->episode map, [(heading, html)]) for the offline report."""
    if events.empty:
        return None, None, []
    episodes, mapping = build_episodes(events)
    ep = episodes_frame(episodes)
    sections = []
    responses = events[(events["family"] != "protest") & (events["modality"] == "asserted")]
    for country, n in responses["country"].value_counts().items():
        if n < MIN_RESPONSES:
            continue
        landmark, name = LANDMARKS.get(str(country), (None, None))
        if landmark is None:
            continue
        result = learn(events, country=str(country), landmark=landmark, n_boot=n_boot)
        sections.append((f"What changed after {name} ({country}, {landmark})", _section_html(result)))
    return ep, mapping[["event_key", "episode_id"]] if not mapping.empty else None, sections


def _section_html(result) -> str:  # type: ignore[no-untyped-def]
    parts = [before_after_chart(result.before_after, landmark=result.landmark),
             repertoire_chart(result.shares_by_year), "<ul class=\"learning-sentences\">"]
    for s in result.sentence_list():
        links = " ".join(f'<a href="#ev-{escape(k)}">[{i}]</a>' for i, k in enumerate(s.event_keys[:12], 1))
        more = f" (+{len(s.event_keys) - 12} more)" if len(s.event_keys) > 12 else ""
        parts.append(f"<li>{escape(s.text)} {links}{more}</li>")
    parts.append("</ul>")
    return "\n".join(parts)
