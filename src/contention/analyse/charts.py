"""Charts as self-contained inline SVG strings (no script, no network, no dependencies).

Each function takes a table produced by ``learn`` and returns one ``<svg>`` element that can
be pasted into HTML. Bars and marks carry ``class`` and ``data-*`` attributes so tests and
stylesheets can find them; every mark has a ``<title>`` tooltip.

DOCS: docs/analysis.md#charts
"""
from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from ..taxonomy import RESPONSE_FAMILIES

#: One colour per family (colour-blind safe palette, Okabe-Ito).
from ..taxonomy import FAMILY_COLORS as FAMILY_COLOURS  # one palette for every chart and badge
WIDTH, HEIGHT = 720, 320
MARGIN = {"left": 56, "right": 150, "top": 28, "bottom": 40}
FONT = 'font-family="sans-serif" font-size="11"'


def _svg(body: list[str], *, title: str, width: int = WIDTH, height: int = HEIGHT) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(title)}>')
    return "\n".join([head, f"<title>{escape(title)}</title>",
                      f'<text x="{MARGIN["left"]}" y="16" {FONT} font-weight="bold">{escape(title)}</text>',
                      *body, "</svg>"])


def _legend(families: Sequence[str], *, x: float, y: float) -> list[str]:
    out = []
    for i, fam in enumerate(families):
        yy = y + 16 * i
        out.append(f'<rect class="legend" x="{x}" y="{yy}" width="10" height="10" fill="{FAMILY_COLOURS[fam]}"/>')
        out.append(f'<text x="{x + 14}" y="{yy + 9}" {FONT}>{escape(fam)}</text>')
    return out


def _y_axis(*, top: float, bottom: float, x: float, lo: float, hi: float, ticks: int = 5, pct: bool = True) -> list[str]:
    out = [f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#444"/>']
    for k in range(ticks + 1):
        v = lo + (hi - lo) * k / ticks
        y = bottom - (bottom - top) * k / ticks
        label = f"{100 * v:.0f}%" if pct else f"{v:g}"
        out.append(f'<line x1="{x - 4}" y1="{y:.1f}" x2="{x}" y2="{y:.1f}" stroke="#444"/>')
        out.append(f'<text x="{x - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT}>{label}</text>')
    return out


def repertoire_chart(shares_by_year: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES,
                     title: str = "Responses by family and year") -> str:
    """Stacked bars of family shares per year (one ``<g class="bar">`` per year with responses).

    shares_by_year: columns ``year``, ``n_responses`` and ``share_<family>`` (as from
        ``repertoire_by_year`` or ``LearningResult.shares_by_year``).
    """
    data = shares_by_year[shares_by_year["n_responses"].fillna(0) > 0].sort_values("year")
    left, top = MARGIN["left"], MARGIN["top"]
    bottom, right = HEIGHT - MARGIN["bottom"], WIDTH - MARGIN["right"]
    step = (right - left) / max(len(data), 1)
    body = _y_axis(top=top, bottom=bottom, x=left - 4, lo=0.0, hi=1.0)
    for i, row in enumerate(data.itertuples(index=False)):
        x, y = left + i * step + step * 0.1, float(bottom)
        year, n = int(row.year), int(row.n_responses)
        body.append(f'<g class="bar" data-year="{year}" data-n="{n}">')
        for fam in families:
            share = float(getattr(row, f"share_{fam}") or 0.0)
            h = share * (bottom - top)
            if h > 0:
                body.append(f'<rect class="segment" data-family="{fam}" x="{x:.1f}" y="{y - h:.1f}" '
                            f'width="{step * 0.8:.1f}" height="{h:.1f}" fill="{FAMILY_COLOURS[fam]}">'
                            f"<title>{year} {escape(fam)}: {100 * share:.0f}% of {n} responses</title></rect>")
            y -= h
        body.append("</g>")
        body.append(f'<text x="{x + step * 0.4:.1f}" y="{bottom + 14}" text-anchor="middle" {FONT}>{year}</text>')
    body += _legend(families, x=right + 16, y=top)
    return _svg(body, title=title)


def before_after_chart(before_after: pd.DataFrame, *, families: Sequence[str] = RESPONSE_FAMILIES,
                       landmark: str = "", title: str | None = None) -> str:
    """Per family, a bar for before and after with interval whiskers and n_episodes.

    before_after: the ``before_after`` table (family, period, estimate, ci_low, ci_high, n_episodes).
    Gives 2 x len(families) ``rect.bar`` elements and as many ``line.whisker`` elements
    (a bar with no episodes has height 0 and no whisker).
    """
    table = before_after.set_index(["family", "period"])
    left, top = MARGIN["left"], MARGIN["top"]
    bottom, right = HEIGHT - MARGIN["bottom"], WIDTH - MARGIN["right"]
    group = (right - left) / len(families)
    bar = group * 0.35
    body = _y_axis(top=top, bottom=bottom, x=left - 4, lo=0.0, hi=1.0)
    scale = bottom - top
    for i, fam in enumerate(families):
        for j, period in enumerate(("before", "after")):
            row = table.loc[(fam, period)]
            est = 0.0 if pd.isna(row["estimate"]) else float(row["estimate"])
            x = left + i * group + group * 0.1 + j * bar
            opacity = "0.55" if period == "before" else "1"
            tip = (f"{fam} {period} {landmark}: {100 * est:.0f}% "
                   f"({_pct(row['ci_low'])} to {_pct(row['ci_high'])}), {int(row['n_episodes'])} episodes")
            body.append(f'<rect class="bar" data-family="{fam}" data-period="{period}" x="{x:.1f}" '
                        f'y="{bottom - est * scale:.1f}" width="{bar * 0.9:.1f}" height="{est * scale:.1f}" '
                        f'fill="{FAMILY_COLOURS[fam]}" fill-opacity="{opacity}"><title>{escape(tip)}</title></rect>')
            if not pd.isna(row["ci_low"]):
                cx = x + bar * 0.45
                body.append(f'<line class="whisker" x1="{cx:.1f}" x2="{cx:.1f}" y1="{bottom - row["ci_low"] * scale:.1f}" '
                            f'y2="{bottom - row["ci_high"] * scale:.1f}" stroke="#222" stroke-width="1.5"/>')
            body.append(f'<text x="{x + bar * 0.45:.1f}" y="{bottom + 12}" text-anchor="middle" {FONT}>'
                        f"{period[0]} n={int(row['n_episodes'])}</text>")
        body.append(f'<text x="{left + i * group + group * 0.45:.1f}" y="{bottom + 26}" text-anchor="middle" {FONT}>{escape(fam)}</text>')
    body += _legend(families, x=right + 16, y=top)
    heading = title or (f"Share of responses per episode before and after {landmark}" if landmark else "Before and after")
    return _svg(body, title=heading)


def _pct(x: object) -> str:
    return "n/a" if pd.isna(x) else f"{100 * float(x):.0f}%"  # type: ignore[arg-type]


def timeline_chart(episodes: pd.DataFrame, events: pd.DataFrame, *, title: str = "Episodes") -> str:
    """Episodes as bars on a time axis (one row each), their events as coloured marks.

    episodes: columns episode_id, start, end, label (``LearningResult.episodes``); undated ones
        are left out. events: columns event_key, episode_id, family, date (e.g. the event
        table merged with ``LearningResult.mapping``). Gives one ``rect.episode`` per dated
        episode and one ``circle.mark`` per event dated to the month or day.
    """
    from .frame import date_bounds

    eps = episodes.dropna(subset=["start"]).sort_values("start").reset_index(drop=True)
    row_h = 14
    height = MARGIN["top"] + MARGIN["bottom"] + row_h * max(len(eps), 1)
    left, right = MARGIN["left"] + 60, WIDTH - MARGIN["right"]
    if len(eps) == 0:
        return _svg([], title=title, height=height)
    t0, t1 = pd.Timestamp(eps["start"].min()), pd.Timestamp(eps["end"].max()) + pd.Timedelta(days=30)
    span = max((t1 - t0).days, 1)

    def xpos(t: pd.Timestamp) -> float:
        return left + (right - left) * (t - t0).days / span

    lo, hi = date_bounds(events["date"])
    marks = events.assign(lo=lo)[((hi - lo) <= pd.Timedelta(days=31)) & lo.notna()]
    body = []
    for i, ep in eps.iterrows():
        y = MARGIN["top"] + i * row_h
        x0, x1 = xpos(pd.Timestamp(ep["start"])), xpos(pd.Timestamp(ep["end"]))
        body.append(f'<rect class="episode" data-episode="{escape(str(ep["episode_id"]))}" x="{x0:.1f}" y="{y + 2}" '
                    f'width="{max(x1 - x0, 2):.1f}" height="{row_h - 4}" fill="#ddd" stroke="#888">'
                    f"<title>{escape(str(ep['label']))}</title></rect>")
        for ev in marks[marks["episode_id"] == ep["episode_id"]].itertuples(index=False):
            colour = FAMILY_COLOURS.get(str(ev.family), FAMILY_COLOURS.get("unknown", "#444444"))
            body.append(f'<circle class="mark" data-family="{escape(str(ev.family))}" cx="{xpos(ev.lo):.1f}" '
                        f'cy="{y + row_h / 2}" r="3" fill="{colour}"><title>{escape(str(ev.event_key))} '
                        f"{escape(str(ev.family))} {escape(str(ev.date))}</title></circle>")
    for year in range(t0.year, t1.year + 1):
        x = xpos(pd.Timestamp(year=year, month=1, day=1))
        if left <= x <= right:
            body.append(f'<text x="{x:.1f}" y="{height - MARGIN["bottom"] + 14}" text-anchor="middle" {FONT}>{year}</text>')
    body += _legend(("protest", *RESPONSE_FAMILIES), x=right + 16, y=MARGIN["top"])
    return _svg(body, title=title, height=height)
