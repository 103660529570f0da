"""One self-contained HTML file: counts, episode timeline, response repertoire, events with evidence.

The file loads nothing from the network: CSS and a small script are inline, charts are inline
SVG, and the only links out are plain ``<a>`` links to each source document's URL. Every piece
of document and evidence text goes through Jinja2's autoescaping; only the analysis module's
``learning_sections`` (already-safe HTML/SVG produced by our own code) are inserted as they are.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

import jinja2
import pandas as pd
from markupsafe import Markup

from ..errors import InputError
from ..taxonomy import FAMILIES, RESPONSE_FAMILIES, TAXONOMY_VERSION
from ..analyse import charts
from . import views

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
    exports: Mapping[str, str] | None = None,
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
                         learning_sections=learning_sections, title=title, run_info=run_info, exports=exports)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


#: The report lists at most this many events (and their documents); the rest are in the exported files.
MAX_EVENTS = 1500


def render_report(
    events: pd.DataFrame,
    documents: Mapping[str, Mapping[str, Any]],
    *,
    episodes: pd.DataFrame | None = None,
    episode_map: pd.DataFrame | None = None,
    learning_sections: list[tuple[str, str]] | None = None,
    title: str = "contention report",
    run_info: Mapping[str, Any] | None = None,
    max_events: int = MAX_EVENTS,
    exports: Mapping[str, str] | None = None,
) -> str:
    """The report as an HTML string (what ``build_report`` writes).

    max_events: events listed with their evidence (in date order, plus every event a learning
        section links to); charts and counts always use every event.
    exports: format -> file name of the full event table beside the report, linked when events are cut.
    """
    _check_columns(events, episodes, episode_map)
    df = views.normalise_events(events)
    rep = views.repertoire(df)
    sections = [(h, Markup(body)) for h, body in (learning_sections or [])]
    listed = _listed(df, max_events, linked=_linked_keys(learning_sections or []))
    shown_docs = {d: documents[d] for d in dict.fromkeys(str(x) for x in listed["doc_id"]) if d in documents}
    context = {
        "title": title,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "taxonomy_version": TAXONOMY_VERSION,
        "run_info": dict(run_info or {}),
        "summary": views.summarise(df, documents, episodes),
        "families": FAMILIES,
        "response_families": RESPONSE_FAMILIES,
        "colors": charts.FAMILY_COLORS,
        "repertoire": rep,
        "repertoire_svg": Markup(charts.repertoire_chart(charts.repertoire_counts(df),
                                                         title="Asserted responses by year and family")),
        "timeline_svg": Markup(_timeline(df, episodes, episode_map)),
        "map_svg": Markup(_map(df)),
        "monthly_svg": Markup(_monthly(df)),
        "events": views.event_views(listed, documents),
        "n_events_cut": len(df) - len(listed),
        "exports": dict(exports or {}),
        "documents": views.document_views(listed, shown_docs),
        "n_documents_cut": len(documents) - len(shown_docs),
        "learning_sections": sections,
        "chart_engine": charts.engine_versions(),
    }
    return _environment().get_template(_TEMPLATE).render(**context)


def _linked_keys(sections: list[tuple[str, str]]) -> set[str]:
    return {m for _h, body in sections for m in re.findall(r'href="#ev-([^"]+)"', body)}


def _listed(df: pd.DataFrame, limit: int, *, linked: set[str]) -> pd.DataFrame:
    """The events the report lists: every linked one, then the rest in date order up to ``limit``."""
    if len(df) <= limit:
        return df
    order = df.assign(_undated=df["date"].isna(), _linked=~df["event_key"].isin(linked)).sort_values(
        ["_linked", "_undated", "date", "event_key"])
    return order.head(max(limit, int(df["event_key"].isin(linked).sum()))).drop(columns=["_undated", "_linked"])


def _timeline(df: pd.DataFrame, episodes: pd.DataFrame | None, episode_map: pd.DataFrame | None) -> str:
    if episodes is None or episode_map is None or not len(episodes):
        return charts.timeline_chart(pd.DataFrame(columns=["episode_id", "start", "end", "label"]), df.head(0))
    events = df[df["modality"] == "asserted"][["event_key", "family", "date"]].merge(
        episode_map[["event_key", "episode_id"]], on="event_key", how="inner")
    return charts.timeline_chart(episodes, events, title="Episodes over time")


def _monthly(df: pd.DataFrame) -> str:
    """Events per month by family, with the change points the analysis finds in them."""
    from ..analyse.changepoints import changepoints, monthly_series

    if df.empty:
        return charts.monthly_chart(pd.DataFrame(), None)
    return charts.monthly_chart(monthly_series(df), changepoints(df),
                                title="Asserted events per month" + (
                                    "" if df["country"].nunique() <= 1 else ", all countries together"))


def _map(df: pd.DataFrame) -> str:
    """The map of events by place: one country and its regions when the report covers one country."""
    from ..analyse import geodata as geo

    rows = df.groupby(["country", "admin1", "place"], dropna=False).size().reset_index(name="events")

    def text(v: Any) -> str | None:
        return v if isinstance(v, str) and v else None

    triples = [(text(r.country), text(r.admin1), text(r.place), int(r.events)) for r in rows.itertuples(index=False)]
    places, _regions, _unplaced = geo.points(triples)
    by_country: dict[str, int] = {}
    by_region: dict[str, int] = {}
    for country, admin1, place, n in triples:
        if country:
            by_country[country] = by_country.get(country, 0) + n
    only = next(iter(by_country)) if len(by_country) == 1 else None
    if only:
        for country, admin1, place, n in triples:
            region = admin1 or (geo.admin1_of(only, place) if place else None)
            if region:
                by_region[region] = by_region.get(region, 0) + n
    return charts.map_chart([(p.label, p.lon, p.lat, p.events) for p in places], country=only,
                            by_country=by_country, by_region=by_region, locate=geo.locate,
                            title=f"Events in {only}" if only else "Events by country and place")


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
