"""Every chart of the report and the dashboard: Vega-Lite specs (altair) rendered to static SVG (vl-convert).

One module draws for both: the report inlines the SVG strings, the dashboard serves the same
strings. Rendering runs in-process through vl-convert's embedded engine; no script, font or
data is fetched, and the SVG has no script in it.

Each chart takes plain tables (the analysis's result objects or store counts) and returns one
``<svg class="chart NAME">`` element. Every mark carries an ``aria-label`` describing it, copied
into a ``<title>`` so it shows on hover; each layer's marks sit in a ``<g>`` whose class ends in
``<layer>_marks`` (e.g. ``bars_marks``), which is how tests find them.

Why Vega-Lite and not matplotlib (both render offline here, measured in docs/charts.md): real
time axes with tick labels that drop themselves when they would overlap, map projections and
geoshapes in the same grammar, and per-mark accessible descriptions.

DOCS: docs/charts.md
"""
from __future__ import annotations

import hashlib
import html
import math
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from ..taxonomy import FAMILIES, FAMILY_COLORS, RESPONSE_FAMILIES

#: Width of a chart's plotting area in pixels; the SVG scales down with its container.
WIDTH = 640
#: A period with fewer responses than this is drawn faded and named "low n" in the legend.
LOW_N = 10
#: The timeline shows at most this many episodes (the largest ones) and says how many it left out.
MAX_TIMELINE_ROWS = 40
#: Events of one family on one row closer than span / DOT_BUCKETS are drawn as one dot (it says how many).
DOT_BUCKETS = 240
#: Longest episode label on the timeline's axis, in characters (the full label is in the mark's title).
LABEL_CHARS = 44
FONT = "Helvetica, Arial, sans-serif"
#: Check every spec against the Vega-Lite schema before drawing (on in tests; costs about 50 ms a chart).
VALIDATE = os.environ.get("CONTENTION_VALIDATE_CHARTS", "") == "1"
PERIOD_COLORS = {"before": "#8c8c8c", "after": "#1f1f1f"}
UNKNOWN_COLOR = "#444444"


def _alt() -> Any:
    import altair as alt

    alt.data_transformers.disable_max_rows()
    return alt


def family_scale(families: Sequence[str] = FAMILIES) -> Any:
    """The one colour scale of families (the same colours as badges and tables)."""
    alt = _alt()
    return alt.Scale(domain=list(families), range=[FAMILY_COLORS.get(f, UNKNOWN_COLOR) for f in families])


def _config(chart: Any) -> Any:
    return (chart.configure(font=FONT, background="white")
            .configure_axis(labelFontSize=11, titleFontSize=11, labelColor="#333", titleColor="#333")
            .configure_legend(labelFontSize=11, titleFontSize=11, orient="bottom", direction="horizontal",
                              columns=0, symbolType="square")
            .configure_title(fontSize=13, anchor="start", subtitleFontSize=11, subtitleColor="#555")
            .configure_view(stroke=None))


# ------------------------------------------------------------------------------------- rendering
def render(chart: Any, *, name: str, label: str, datasets: dict[str, list[Any]] | None = None) -> str:
    """The chart as one ``<svg class="chart NAME" role="img" aria-label=LABEL>`` string.

    datasets: named data the chart refers to with ``alt.Data(name=...)``, put in the spec as it is
    (large geometry would otherwise be deep-copied by altair, slowly).
    """
    import vl_convert

    spec = _config(chart).to_dict(validate=VALIDATE)
    if datasets:
        spec.setdefault("datasets", {}).update(datasets)
    svg = vl_convert.vegalite_to_svg(spec)
    return _finish(svg, name=name, label=label)


_ROOT = re.compile(r"<svg\b[^>]*>")
_ARIA_ITEM = re.compile(r'<(path|text|line)\b([^>]*?)aria-label="([^"]*)"([^>]*?)(/?)>')


def _finish(svg: str, *, name: str, label: str) -> str:
    """Class and label on the root, a ``<title>`` per described mark, no external references."""
    head = _ROOT.search(svg)
    assert head is not None, "vl-convert returned no <svg>"
    size = re.search(r'width="([\d.]+)" height="([\d.]+)"', head.group())
    width, height = (size.group(1), size.group(2)) if size else ("100%", "auto")
    root = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {name}" role="img" '
            f'aria-label="{html.escape(label)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f"<title>{html.escape(label)}</title>")
    body = svg[head.end():]
    body = body.replace('xmlns:xlink="http://www.w3.org/1999/xlink"', "")

    def titled(m: re.Match[str]) -> str:
        tag, pre, text, post, closed = m.groups()
        if tag != "path" or not closed:
            return m.group()
        return f'<{tag}{pre}aria-label="{text}"{post}><title>{text}</title></{tag}>'

    return root + _ARIA_ITEM.sub(titled, _own_ids(body, name))


_ID = re.compile(r'\bid="([^"]+)"')


def _own_ids(body: str, name: str) -> str:
    """Give the SVG's ids (clip paths, gradients) a prefix of their own: a page holds several charts,
    and ``url(#clip1)`` must not find another chart's clip path."""
    ids = set(_ID.findall(body))
    if not ids:
        return body
    prefix = f"{name}-{hashlib.sha1(body.encode('utf-8')).hexdigest()[:8]}"
    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    return re.sub(r'(url\(#|href="#)([^)"]+)', lambda m: m.group(1) + (f"{prefix}-{m.group(2)}" if m.group(2) in ids
                                                                         else m.group(2)), body)


# ------------------------------------------------------------------------------------- timeline
def timeline_data(episodes: pd.DataFrame, events: pd.DataFrame, *,
                  max_rows: int = MAX_TIMELINE_ROWS) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(episode rows, event dots, rows left out) for ``timeline_chart``: episodes by start, largest kept.

    episodes: episode_id, start, end, label (n_protests/n_responses when known).
    events: event_key, episode_id, family, date (events outside any episode have no episode_id).
    """
    from .frame import date_bounds

    eps = episodes.copy()
    eps["start"] = _day(eps["start"], 0, date_bounds)
    eps["end"] = _day(eps["end"], 1, date_bounds)
    eps = eps.dropna(subset=["start"])
    eps["end"] = eps["end"].fillna(eps["start"])
    ev = events.copy()
    for col in ("event_key", "episode_id", "family", "date"):
        if col not in ev.columns:
            ev[col] = None
    lo, hi = date_bounds(ev["date"].astype("string")) if len(ev) else (pd.Series(dtype="datetime64[ns]"),) * 2
    ev["day"] = lo
    ev = ev[ev["day"].notna() & ((hi - lo) <= pd.Timedelta(days=31))]
    size = ev.groupby("episode_id").size() if len(ev) else pd.Series(dtype=int)
    eps["n_events"] = eps["episode_id"].map(size).fillna(0).astype(int)
    cut = max(len(eps) - max_rows, 0)
    if cut:
        eps = eps.sort_values(["n_events", "start"], ascending=[False, True]).head(max_rows)
    eps = eps.sort_values(["start", "episode_id"]).reset_index(drop=True)
    eps["row"] = _unique([f"{_clip(_where(r))} · {r.start:%Y-%m-%d}" for r in eps.itertuples()])
    span = max((eps["end"].max() - eps["start"].min()).days, 1) if len(eps) else 1
    eps["end_drawn"] = eps["end"].where(eps["end"] - eps["start"] >= pd.Timedelta(days=span / 150),
                                        eps["start"] + pd.Timedelta(days=max(span / 150, 1)))
    eps["what"] = [f"{full}: {s:%Y-%m-%d} to {e:%Y-%m-%d}, {n} dated events"
                   for full, s, e, n in zip(eps["label"].fillna(eps["episode_id"]), eps["start"], eps["end"], eps["n_events"])]
    row_of = dict(zip(eps["episode_id"], eps["row"]))
    dots = ev[ev["episode_id"].isin(row_of)].assign(row=lambda d: d["episode_id"].map(row_of))
    # one dot per row, family and pixel of the time axis: events closer than a pixel are one mark saying how many
    t0 = eps["start"].min() if len(eps) else pd.Timestamp("2000-01-01")
    step = pd.Timedelta(days=max(1.0, span / DOT_BUCKETS))
    dots = dots.assign(bucket=((dots["day"] - t0) / step).astype("int64") if len(dots) else 0)
    dots = (dots.groupby(["row", "bucket", "family"], sort=False)
            .agg(n=("event_key", "size"), event_key=("event_key", "first"), day=("day", "min"),
                 last=("day", "max")).reset_index())
    dots["what"] = [(f"{d:%Y-%m-%d}" + (f" to {e:%Y-%m-%d}" if e != d else "")) + f" {f}"
                    + (f" ×{n}" if n > 1 else f" ({k})")
                    for d, e, f, n, k in zip(dots["day"], dots["last"], dots["family"], dots["n"], dots["event_key"])]
    return eps, dots[["row", "day", "family", "what", "n", "event_key"]], cut


def _day(values: pd.Series, which: int, date_bounds: Any) -> pd.Series:
    """Timestamps as they are; ISO strings of any precision to their first (0) or last (1) day."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    bounds = date_bounds(values.astype("string"))
    return bounds[which].dt.normalize()


def timeline_chart(episodes: pd.DataFrame, events: pd.DataFrame, *, landmark: str | None = None,
                   landmark_label: str = "", title: str = "Episodes over time",
                   max_rows: int = MAX_TIMELINE_ROWS) -> str:
    """Episodes as bars on a time axis (one row each, in date order), their events as dots by family.

    episodes, events: as for ``timeline_data``. landmark: an ISO date drawn as a labelled rule.
    RETURNS (str): ``<svg class="chart timeline">``; marks in ``spans_marks`` (one per episode)
    and ``dots_marks`` (one per event dated to the day or month).
    """
    alt = _alt()
    eps, dots, cut = timeline_data(episodes, events, max_rows=max_rows)
    if eps.empty:
        return _empty("timeline", "No dated episodes to place on a timeline.")
    order = list(eps["row"])
    y = alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, labelFontSize=11, ticks=False,
                                                            domain=False, labelPadding=6))
    x = alt.X("start:T", title=None, scale=alt.Scale(padding=8),
              axis=alt.Axis(format="%Y", labelOverlap=True, grid=True, tickCount=10))
    spans = alt.Chart(eps[["row", "start", "end_drawn", "what"]], name="spans").mark_bar(
        color="#cfd8e3", stroke="#7f93aa", strokeWidth=0.8, cornerRadius=2, height=11).encode(
        x=x, x2="end_drawn:T", y=y, description="what:N")
    layers = [spans]
    if len(dots):
        layers.append(alt.Chart(dots, name="dots").mark_circle(size=34, opacity=0.9, stroke="white", strokeWidth=0.5)
                      .encode(x=alt.X("day:T"), y=alt.Y("row:N", sort=order),
                              color=alt.Color("family:N", scale=family_scale(), title="event family"),
                              description="what:N"))
    if landmark:
        mark = pd.DataFrame({"day": [pd.Timestamp(landmark)], "text": [landmark_label or landmark]})
        rule = alt.Chart(mark, name="landmark").mark_rule(color="#111", strokeDash=[5, 3], strokeWidth=1.2)
        layers.append(rule.encode(x="day:T", description="text:N"))
        layers.append(alt.Chart(mark, name="landmark_label").mark_text(align="left", dx=4, dy=-4, fontSize=11,
                                                                        fontWeight="bold", baseline="bottom")
                      .encode(x="day:T", y=alt.value(0), text="text:N"))
    subtitle = f"the {len(eps)} episodes with most dated events; {cut} more left out" if cut else \
        f"{len(eps)} episodes in date order; bars span each episode, dots are its events"
    chart = alt.layer(*layers).properties(width=WIDTH - 40, height=16 * len(eps),
                                          title=alt.Title(title, subtitle=subtitle))
    return render(chart, name="timeline", label=f"{title}: {subtitle}")


def _where(ep: Any) -> str:
    """An episode's place for its row label: place (or region), country; else its label or id."""
    parts = [getattr(ep, c, None) for c in ("place", "admin1", "country")]
    parts = [p for p in parts if isinstance(p, str) and p]
    if len(parts) == 3:
        parts = [parts[0], parts[2]]
    if parts:
        return ", ".join(parts)
    label = getattr(ep, "label", None)
    return str(label) if isinstance(label, str) and label else str(ep.episode_id)


def _clip(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
        out.append(lab if seen[lab] == 1 else f"{lab} ({seen[lab]})")
    return out


# ----------------------------------------------------------------------------------- repertoire
def repertoire_counts(events: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES) -> pd.DataFrame:
    """Asserted responses per year and family from an event table (year, family, n), for ``repertoire_chart``."""
    from .frame import date_bounds

    asserted = events[(events.get("modality", "asserted").fillna("asserted") == "asserted")
                      & events["family"].isin(list(families))]
    lo, _hi = date_bounds(asserted["date"].astype("string"))
    out = (asserted.assign(year=lo.dt.year).dropna(subset=["year"]).groupby(["year", "family"]).size()
           .rename("n").reset_index())
    out["year"] = out["year"].astype(int)
    return out


def shares_to_counts(shares_by_year: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES) -> pd.DataFrame:
    """(year, family, n) from a ``shares_by_year`` table (year, n_responses, share_<family>)."""
    rows = []
    for r in shares_by_year.itertuples(index=False):
        total = getattr(r, "n_responses", 0)
        if pd.isna(total) or not total:
            continue
        for fam in families:
            share = getattr(r, f"share_{fam}", 0.0)
            n = round(float(0.0 if pd.isna(share) else share) * float(total))
            if n:
                rows.append({"year": int(r.year), "family": fam, "n": n})
    return pd.DataFrame(rows, columns=["year", "family", "n"])


def repertoire_chart(counts: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES,
                     title: str = "Responses by family and year", low_n: int = LOW_N) -> str:
    """Each year's mix of responses as a 100% bar on a real time axis, with n above it.

    counts: year, family, n (``repertoire_counts``), or a ``shares_by_year`` table (year,
        n_responses, share_<family>) of a learning result. A year with no
    response is a visible gap; a year with fewer than ``low_n`` responses is drawn faded.
    RETURNS (str): ``<svg class="chart repertoire">``; segments in ``bars_marks``, n in ``n_marks``.
    """
    alt = _alt()
    if "n" not in counts.columns and "n_responses" in counts.columns:
        counts = shares_to_counts(counts, families=families)
    data = counts[counts["n"] > 0].copy()
    if data.empty:
        return _empty("repertoire", "No dated asserted responses.")
    totals = data.groupby("year")["n"].sum()
    data["total"] = data["year"].map(totals)
    data["share"] = data["n"] / data["total"]
    data["start"] = pd.to_datetime(data["year"].astype(str) + "-01-01")
    data["stop"] = pd.to_datetime((data["year"] + 1).astype(str) + "-01-01") - pd.Timedelta(days=25)
    low_name, ok_name = f"under {low_n} (faded: uncertain)", f"{low_n} or more"
    data["certainty"] = [low_name if t < low_n else ok_name for t in data["total"]]
    data["what"] = [f"{y}: {f} {n} of {t} ({100 * s:.0f}%)" for y, f, n, t, s in
                    zip(data["year"], data["family"], data["n"], data["total"], data["share"])]
    data["order"] = data["family"].map({f: i for i, f in enumerate(families)})
    data = data.sort_values(["year", "order"])
    data["top"] = data.groupby("year")["share"].cumsum()
    data["bottom"] = data["top"] - data["share"]
    years = totals.reset_index().rename(columns={"n": "total"})
    years["what"] = [f"{y}: {t} responses" for y, t in zip(years["year"], years["total"])]
    lo, hi = int(data["year"].min()), int(data["year"].max())
    domain = [f"{lo}-01-01", f"{hi + 1}-01-01"]
    x = alt.X("start:T", title=None, scale=alt.Scale(domain=domain), axis=alt.Axis(labels=False, ticks=False))
    bars = alt.Chart(data, name="bars").mark_rect().encode(
        x=x, x2="stop:T", y=alt.Y("bottom:Q", title="share of the year's responses", scale=alt.Scale(domain=[0, 1]),
                                  axis=alt.Axis(format="%", tickCount=5)), y2="top:Q",
        color=alt.Color("family:N", scale=family_scale(families), title="family"),
        opacity=alt.Opacity("certainty:N", scale=alt.Scale(domain=[ok_name, low_name], range=[1.0, 0.35]),
                            title="responses in the year"),
        description="what:N")
    years["stop"] = pd.to_datetime((years["year"] + 1).astype(str) + "-01-01") - pd.Timedelta(days=25)
    years["start"] = pd.to_datetime(years["year"].astype(str) + "-01-01")
    years["certainty"] = [low_name if t < low_n else ok_name for t in years["total"]]
    ns = alt.Chart(years, name="n").mark_rect(color="#555").encode(
        x=alt.X("start:T", title=None, scale=alt.Scale(domain=domain),
                axis=alt.Axis(format="%Y", labelOverlap=True, tickCount=min(hi - lo + 2, 14))),
        x2="stop:T", y=alt.Y("total:Q", title="n", axis=alt.Axis(tickCount=3, titleAngle=0, titleAlign="right")),
        opacity=alt.Opacity("certainty:N", scale=alt.Scale(domain=[ok_name, low_name], range=[1.0, 0.35]),
                            title="responses in the year"),
        description="what:N")
    chart = alt.vconcat(bars.properties(width=WIDTH, height=190), ns.properties(width=WIDTH, height=45),
                        spacing=6).properties(
        title=alt.Title(title, subtitle="top: each year's mix of responses; bottom: how many responses (n)"))
    return render(chart, name="repertoire", label=f"{title}, {lo} to {hi}")


# ---------------------------------------------------------------------------------- before/after
def before_after_chart(before_after: pd.DataFrame, *, landmark: str = "", title: str | None = None) -> str:
    """Per family (and any other measure in the table, e.g. the preemptive share) the estimate
    before and after the landmark, as a dot with its interval, n episodes beside it.

    before_after: family, period, estimate, ci_low, ci_high, n_episodes (rows with period
    ``difference`` are left out). A share with no episodes has no dot.
    RETURNS (str): ``<svg class="chart before-after">``; dots in ``dots_marks``, intervals in ``intervals_marks``.
    """
    alt = _alt()
    table = before_after[before_after["period"].isin(["before", "after"])].copy()
    measures = list(dict.fromkeys(table["family"]))
    if table.empty:
        return _empty("before-after", "No episodes before or after the landmark.")
    table["what"] = [f"{f} {p}: {_pct(e)} ({_pct(lo)} to {_pct(hi)}), {int(n)} episodes"
                     for f, p, e, lo, hi, n in zip(table["family"], table["period"], table["estimate"],
                                                   table["ci_low"], table["ci_high"], table["n_episodes"])]
    table["label"] = [f"n={int(n)}" for n in table["n_episodes"]]
    shown = table.dropna(subset=["estimate"])
    y = alt.Y("family:N", sort=measures, title=None, axis=alt.Axis(labelFontSize=12, labelLimit=200))
    offset = alt.YOffset("period:N", sort=["before", "after"], scale=alt.Scale(paddingOuter=0.3))
    color = alt.Color("period:N", sort=["before", "after"], title=f"episodes {'around ' + landmark if landmark else ''}",
                      scale=alt.Scale(domain=["before", "after"], range=[PERIOD_COLORS["before"], PERIOD_COLORS["after"]]))
    xs = alt.Scale(domain=[0, 1])
    intervals = alt.Chart(shown.dropna(subset=["ci_low", "ci_high"]), name="intervals").mark_rule(strokeWidth=2.2).encode(
        x=alt.X("ci_low:Q", scale=xs, title="mean share of an episode's responses",
                axis=alt.Axis(format="%", tickCount=5, grid=True)),
        x2="ci_high:Q", y=y, yOffset=offset, color=color, description="what:N")
    dots = alt.Chart(shown, name="dots").mark_point(filled=True, size=60, opacity=1).encode(
        x=alt.X("estimate:Q", scale=xs), y=y, yOffset=offset, color=color, description="what:N")
    ns = alt.Chart(table, name="ns").mark_text(align="left", dx=6, fontSize=10, color="#444").encode(
        x=alt.value(WIDTH - 150 + 4), y=y, yOffset=offset, text="label:N", description="what:N")
    heading = title or (f"Before and after {landmark}" if landmark else "Before and after")
    chart = alt.layer(intervals, dots, ns).properties(
        width=WIDTH - 150, height=alt.Step(15),
        title=alt.Title(heading, subtitle="dot: estimate; line: interval; n: episodes in the period"))
    return render(chart, name="before-after", label=heading)


def _pct(x: object) -> str:
    return "n/a" if x is None or pd.isna(x) else f"{100 * float(x):.0f}%"  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------- monthly
def monthly_chart(monthly: pd.DataFrame, changepoints: pd.DataFrame | None = None, *,
                  series: Sequence[str] | None = None, title: str = "Events per month") -> str:
    """One small panel per series (events per month), change points as rules with their interval.

    monthly: index ``month`` (first day), one column per series (``changepoints.monthly_series``).
    changepoints: series, month, before, after; ``month_low``/``month_high`` when an interval is known.
    series: panels to draw (default: protests and every response family with events).
    RETURNS (str): ``<svg class="chart monthly">``; each panel's line in ``<series>_line_marks``,
    its change points in ``<series>_change_marks``.
    """
    alt = _alt()
    if monthly.empty:
        return _empty("monthly", "No events dated to the month.")
    cols = list(series) if series else [c for c in ("protests", *RESPONSE_FAMILIES)
                                        if c in monthly.columns and monthly[c].sum() > 0]
    cps = changepoints if changepoints is not None else pd.DataFrame(columns=["series", "month"])
    lo, hi = monthly.index.min(), monthly.index.max() + pd.offsets.MonthEnd(1)
    xs = alt.Scale(domain=[lo.isoformat(), hi.isoformat()])
    panels = []
    for col in cols:
        data = pd.DataFrame({"month": monthly.index, "n": monthly[col].to_numpy()})
        colour = FAMILY_COLORS.get("protest" if col == "protests" else col, UNKNOWN_COLOR)
        safe = re.sub(r"\W", "_", col)
        line = alt.Chart(data, name=f"{safe}_line").mark_area(
            interpolate="step-after", color=colour, opacity=0.75, line={"color": colour, "strokeWidth": 1}).encode(
            x=alt.X("month:T", scale=xs, title=None, axis=alt.Axis(format="%Y", labelOverlap=True, grid=False)),
            y=alt.Y("n:Q", title=col, axis=alt.Axis(tickCount=3, tickMinStep=1, format="d", titleAngle=0, titleAlign="right", titleX=-30,
                                                     titleY=20)))
        layers = [line]
        mine = cps[cps["series"] == col].copy()
        if len(mine):
            mine["month"] = pd.to_datetime(mine["month"])
            mine["what"] = [f"change in {col} from {m:%Y-%m}: {_level(b)} to {_level(a)} a month"
                            for m, b, a in zip(mine["month"], mine.get("before", 0), mine.get("after", 0))]
            if {"month_low", "month_high"} <= set(mine.columns):
                band = mine.dropna(subset=["month_low", "month_high"])
                layers.append(alt.Chart(band, name=f"{safe}_interval").mark_rect(color="#111", opacity=0.12).encode(
                    x="month_low:T", x2="month_high:T", description="what:N"))
            layers.append(alt.Chart(mine[["month", "what"]], name=f"{safe}_change").mark_rule(
                color="#111", strokeWidth=1.5, strokeDash=[4, 2]).encode(x="month:T", description="what:N"))
        panels.append(alt.layer(*layers).properties(width=WIDTH - 60, height=60))
    chart = alt.vconcat(*panels, spacing=8).properties(
        title=alt.Title(title, subtitle="dashed line: a change point; grey band: its interval"))
    return render(chart, name="monthly", label=title)


def _level(x: object) -> str:
    return "?" if x is None or pd.isna(x) else (f"{float(x):.2f}" if float(x) < 1 else f"{float(x):.1f}")  # type: ignore[arg-type]


# -------------------------------------------------------------------------------------------- map
MAP_WIDTH = 860
#: Most place dots drawn, and most place labels (the largest first; the table lists every place).
MAX_DOTS, MAX_LABELS = 300, 30


def map_chart(places: Sequence[tuple[str, float, float, int]], *, country: str | None = None,
              by_country: dict[str, int] | None = None, by_region: dict[str, int] | None = None,
              locate: Any = None, title: str = "Events by place", width: int = MAP_WIDTH) -> str:
    """A map with Natural Earth borders and coastlines, a choropleth of event counts, places as dots.

    places: (label, lon, lat, events), any order. country: ISO2 to show one country with its
        regions (admin-1 cells, approximate: see ``geodata``); None shows the world by country.
    by_country: ISO2 -> events (the world choropleth). by_region: admin1 -> events (the country's).
    locate: (country, town) -> (lat, lon), to centre regions (``serve.geo.locate``).
    RETURNS (str): ``<svg class="chart map">``; areas in ``areas_marks``, dots in ``dots_marks``,
    labels in ``labels_marks`` (placed so none overlaps another label or a dot).
    """
    from . import geodata

    alt = _alt()
    dots = sorted(places, key=lambda p: -p[3])[:MAX_DOTS]
    shown = geodata.country(country) if country else None
    if country and shown is None:
        return _empty("map", f"No outline of country {country} in Natural Earth.")
    if shown is not None:
        bounds = geodata.view_bounds([shown.shape], [(lon, lat) for _l, lon, lat, _n in dots])
        proj = geodata.fit(bounds, kind="mercator", width=width)
        cells = geodata.region_cells(shown.shape, geodata.region_centres(shown.iso2, locate)) if locate else {}
        counts = by_region or {}
        areas = [(g, {"name": n, "events": int(counts.get(n, 0)), "what": f"{n}: {int(counts.get(n, 0))} events"})
                 for n, g in cells.items()] or [(shown.shape, {"name": shown.name, "events": sum(counts.values()),
                                                               "what": shown.name})]
        context = [(c.shape, {"name": c.name}) for c in geodata.countries_for(proj) if c.iso2 != shown.iso2]
        outline = [(shown.shape, {"name": shown.name})]
        note = "regions are approximate: cells around each region's towns, not official boundaries"
    else:
        bounds = (-180.0, geodata.WORLD_LAT[0], 180.0, geodata.WORLD_LAT[1])
        proj = geodata.fit(bounds, kind="equirectangular", width=width)
        counts = by_country or {}
        areas = [(c.shape, {"name": c.name, "events": int(counts.get(c.iso2, 0)),
                            "what": f"{c.name}: {int(counts.get(c.iso2, 0))} events"})
                 for c in geodata.countries_for(proj) if c.iso2 != "AQ"]
        context, outline = [], []
        note = "countries shaded by number of events"
    areas_f = geodata.features(areas, proj, bounds=bounds)
    layers = []
    named: dict[str, list[Any]] = {}
    if context:
        named["context"] = geodata.features(context, proj, bounds=bounds)
        layers.append(alt.Chart(alt.Data(name="context"), name="context")
                      .mark_geoshape(fill="#eeeeee", stroke="#9a9a9a", strokeWidth=0.6))
    top = max([int(f["properties"]["events"]) for f in areas_f] + [1])
    named["areas"] = areas_f
    layers.append(alt.Chart(alt.Data(name="areas"), name="areas").mark_geoshape(
        stroke="#ffffff" if shown is not None else "#8a8a8a", strokeWidth=0.8 if shown is not None else 0.4,
        strokeDash=[3, 2] if shown is not None else [1, 0]).encode(
        color=alt.Color("properties.events:Q", title="events",
                        scale=alt.Scale(type="symlog", domain=[0, top], range=["#f3f1ea", "#2c5d8f"]),
                        legend=alt.Legend(orient="bottom", direction="horizontal", gradientLength=220)),
        description="properties.what:N"))
    if outline:
        named["outline"] = geodata.features(outline, proj, bounds=bounds)
        layers.append(alt.Chart(alt.Data(name="outline"), name="outline")
                      .mark_geoshape(filled=False, stroke="#333333", strokeWidth=1.4))
    pts = pd.DataFrame([{"label": lab, "x": proj.xy(lon, lat)[0], "y": proj.xy(lon, lat)[1], "events": n,
                         "what": f"{lab}: {n} events"} for lab, lon, lat, n in dots],
                       columns=["label", "x", "y", "events", "what"])
    if len(pts):
        biggest = max(int(pts["events"].max()), 1)
        pts["r"] = [2.5 + 9 * math.sqrt(n / biggest) for n in pts["events"]]
        pts = pts[(pts["x"] >= 0) & (pts["x"] <= proj.width) & (pts["y"] >= 0) & (pts["y"] <= proj.height)]
        layers.append(alt.Chart(pts, name="dots").mark_circle(color="#c0392b", opacity=0.75, stroke="white",
                                                              strokeWidth=0.6).encode(
            longitude="x:Q", latitude="y:Q", size=alt.Size("r:Q", scale=alt.Scale(type="pow", exponent=2,
                                                                                    domain=[0, 12], range=[0, 452]),
                                                         legend=None),
            description="what:N"))
        labels = geodata.place_labels([(f"{str(lab).split(',')[0]} {n}", x, y, r) for lab, x, y, n, r in
                                       zip(pts["label"], pts["x"], pts["y"], pts["events"], pts["r"])],
                                      width=proj.width, height=proj.height, limit=MAX_LABELS)
        for align in ("left", "right"):
            mine = pd.DataFrame([{"text": lab.text, "x": lab.x, "y": lab.y} for lab in labels if lab.align == align],
                                columns=["text", "x", "y"])
            if len(mine):
                layers.append(alt.Chart(mine, name=f"halo_{align}").mark_text(
                    align=align, baseline="middle", fontSize=11, color="white", stroke="white", strokeWidth=3,
                    strokeOpacity=0.85, fontWeight=500).encode(longitude="x:Q", latitude="y:Q", text="text:N"))
                layers.append(alt.Chart(mine, name=f"labels_{align}").mark_text(
                    align=align, baseline="middle", fontSize=11, color="#111", stroke="white", strokeWidth=0,
                    fontWeight=500).encode(longitude="x:Q", latitude="y:Q", text="text:N", description="text:N"))
    chart = alt.layer(*layers).properties(
        width=proj.width, height=proj.height,
        projection=alt.Projection(type="identity", scale=1, translate=[0, 0]),
        title=alt.Title(title, subtitle=f"{note}; borders and coastlines: Natural Earth (public domain)"))
    return render(chart, name="map", label=f"{title}: {note}", datasets=named)


# ---------------------------------------------------------------------------------------- helpers
def _empty(name: str, text: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {name} empty" role="img" '
            f'aria-label="{html.escape(text)}" width="{WIDTH}" height="40" viewBox="0 0 {WIDTH} 40">'
            f'<text x="4" y="24" font-family="sans-serif" font-size="13" fill="#555">{html.escape(text)}</text></svg>')


@lru_cache(maxsize=1)
def engine_versions() -> dict[str, str]:
    """The versions that drew the charts (shown in the report's footer)."""
    import altair
    import vl_convert

    return {"altair": altair.__version__, "vl-convert": vl_convert.__version__,
            "vega-lite": vl_convert.get_vegalite_versions()[-1] if hasattr(vl_convert, "get_vegalite_versions") else ""}
