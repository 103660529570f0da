"""One self-contained HTML file: counts, episode timeline, response repertoire, events with evidence.

The file loads nothing from the network: CSS and a small script are inline, charts are inline
SVG, and the only links out are plain ``<a>`` links to each source document's URL. Every piece
of document and evidence text goes through Jinja2's autoescaping; only the analysis module's
``learning_sections`` (already-safe HTML/SVG produced by our own code) are inserted as they are.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

import jinja2
import pandas as pd
from markupsafe import Markup

from ..errors import InputError
from ..taxonomy import FAMILIES, RESPONSE_FAMILIES, TAXONOMY_VERSION
from . import svg, views

REQUIRED_COLUMNS: tuple[str, ...] = ("event_key", "type", "doc_id")
_TEMPLATE = "report.html.j2"


def build_report(
    events: pd.DataFrame,
    documents: Mapping[str, Mapping[str, Any]],
    path: str | Path,
    *,
    episodes: pd.DataFrame | None = None,
    episode_map: pd.DataFrame | None = None,
    learning_sections: list[tuple[str, str]] | None = None,
    title: str = "contention report",
    run_info: Mapping[str, Any] | None = None,
) -> Path:
    """Write the offline HTML report and return its path.

    events (DataFrame): one row per event (columns as in ``views.EVENT_COLUMNS``; missing ones are empty).
    documents (dict): doc_id -> {"title", "url", "published", "source", "text"}.
    path (str | Path): where to write the file; parent folders are created.
    episodes (DataFrame | None): episode_id, country, admin1, place, start, end, label, n_protests, n_responses.
    episode_map (DataFrame | None): event_key, episode_id.
    learning_sections (list | None): (heading, HTML fragment) pairs from the analysis, inserted as-is.
    title (str): the page title.
    run_info (dict | None): shown in the header (e.g. version, config, date of the run).
    RETURNS (Path): the written file.
    """
    html = render_report(events, documents, episodes=episodes, episode_map=episode_map,
                         learning_sections=learning_sections, title=title, run_info=run_info)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


def render_report(
    events: pd.DataFrame,
    documents: Mapping[str, Mapping[str, Any]],
    *,
    episodes: pd.DataFrame | None = None,
    episode_map: pd.DataFrame | None = None,
    learning_sections: list[tuple[str, str]] | None = None,
    title: str = "contention report",
    run_info: Mapping[str, Any] | None = None,
) -> str:
    """The report as an HTML string (what ``build_report`` writes)."""
    _check_columns(events, episodes, episode_map)
    df = views.normalise_events(events)
    rep = views.repertoire(df)
    rows, cut = views.timeline_rows(df, episodes, episode_map)
    context = {
        "title": title,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "taxonomy_version": TAXONOMY_VERSION,
        "run_info": dict(run_info or {}),
        "summary": views.summarise(df, documents, episodes),
        "families": FAMILIES,
        "response_families": RESPONSE_FAMILIES,
        "colors": svg.FAMILY_COLORS,
        "repertoire": rep,
        "repertoire_svg": svg.stacked_bars({r.period: r.counts for r in rep}, RESPONSE_FAMILIES,
                                           label="Asserted responses by year and family (shares of each year)"),
        "timeline_svg": svg.timeline(rows, label="Episodes on a time axis, with asserted events by family"),
        "timeline_cut": cut,
        "events": views.event_views(df, documents),
        "documents": views.document_views(df, documents),
        "learning_sections": [(h, Markup(body)) for h, body in (learning_sections or [])],
    }
    return _environment().get_template(_TEMPLATE).render(**context)


def _check_columns(events: pd.DataFrame, episodes: pd.DataFrame | None, episode_map: pd.DataFrame | None) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in events.columns]
    if missing:
        raise InputError(f"events table lacks column(s) {', '.join(missing)}", where="build_report",
                         hint=f"expected at least {', '.join(REQUIRED_COLUMNS)}")
    if episodes is not None and "episode_id" not in episodes.columns:
        raise InputError("episodes table lacks column episode_id", where="build_report")
    if episode_map is not None and not {"event_key", "episode_id"} <= set(episode_map.columns):
        raise InputError("episode_map needs columns event_key and episode_id", where="build_report")


def _environment() -> jinja2.Environment:
    # autoescape on for every template: document text is untrusted input.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("contention.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
