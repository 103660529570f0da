"""Small inline SVG charts for the offline report: a stacked bar chart and an episode timeline.

The helpers take plain numbers and labels and return ``markupsafe.Markup``; every piece of text
that goes into the SVG is escaped here, so a template can insert the result as it is. Colours
come from ``FAMILY_COLORS`` and are the same in charts, legends, badges and tables.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from ..taxonomy import FAMILIES

#: One colour per family, used everywhere in the report (charts, legend, badges).
from ..taxonomy import FAMILY_COLORS  # noqa: E402  (one palette everywhere)
UNKNOWN_COLOR = "#444444"

# Layout constants (pixels).
_FONT = 11
_BAR_WIDTH = 34
_BAR_GAP = 18
_CHART_HEIGHT = 180
_MARGIN_LEFT = 44
_MARGIN_TOP = 24
_MARGIN_BOTTOM = 46
_LEGEND_ITEM = 110
_ROW_HEIGHT = 18
_LABEL_WIDTH = 190
_TIMELINE_WIDTH = 640
_MAX_TICKS = 12


def color(family: str | None) -> str:
    """The colour of a family, or a dark grey for an unknown one."""
    return FAMILY_COLORS.get(family or "", UNKNOWN_COLOR)


def _text(x: float, y: float, label: object, *, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{_FONT}" text-anchor="{anchor}"{klass}>'
            f"{escape(label)}</text>")


def _open_svg(width: float, height: float, label: str, cls: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" role="img" aria-label="{escape(label)}" '
            f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
            f"<title>{escape(label)}</title>")


def legend(families: Iterable[str], x: float, y: float) -> str:
    """A one-line legend of family swatches starting at (x, y)."""
    parts = ['<g class="legend">']
    for i, fam in enumerate(families):
        left = x + i * _LEGEND_ITEM
        parts.append(f'<rect x="{left:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{color(fam)}"/>')
        parts.append(_text(left + 14, y, fam))
    parts.append("</g>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------- bars
def stacked_bars(counts: Mapping[str, Mapping[str, int]], families: Sequence[str], *,
                 label: str = "Response repertoire by period") -> Markup:
    """A 100 % stacked bar per period: segment height is the family's share, tooltips give counts.

    counts: period -> family -> number of events, periods in display order.
    families: the families to stack, bottom first.
    RETURNS (Markup): an ``<svg>`` element, one ``<g class="bar">`` per period.
    """
    periods = list(counts)
    legend_width = len(families) * _LEGEND_ITEM
    width = max(_MARGIN_LEFT + len(periods) * (_BAR_WIDTH + _BAR_GAP) + _BAR_GAP, legend_width + _MARGIN_LEFT, 260)
    height = _MARGIN_TOP + _CHART_HEIGHT + _MARGIN_BOTTOM
    parts = [_open_svg(width, height, label, "chart bars"), _share_axis()]
    for i, period in enumerate(periods):
        x = _MARGIN_LEFT + _BAR_GAP + i * (_BAR_WIDTH + _BAR_GAP)
        parts.append(_bar(x, str(period), counts[period], families))
    parts.append(_text(_MARGIN_LEFT + (width - _MARGIN_LEFT) / 2, height - 24, "period (year)",
                       anchor="middle", cls="axis-label"))
    parts.append(legend(families, _MARGIN_LEFT, height - 6))
    parts.append("</svg>")
    return Markup("".join(parts))


def _share_axis() -> str:
    bottom = _MARGIN_TOP + _CHART_HEIGHT
    parts = [f'<g class="axis"><line x1="{_MARGIN_LEFT}" y1="{_MARGIN_TOP}" x2="{_MARGIN_LEFT}" y2="{bottom}" '
             'stroke="#555"/>']
    for share in (0, 25, 50, 75, 100):
        y = bottom - _CHART_HEIGHT * share / 100
        parts.append(f'<line x1="{_MARGIN_LEFT - 4}" y1="{y:.1f}" x2="{_MARGIN_LEFT}" y2="{y:.1f}" stroke="#555"/>')
        parts.append(_text(_MARGIN_LEFT - 6, y + 4, f"{share}%", anchor="end"))
    parts.append(f'<text transform="translate(11,{_MARGIN_TOP + _CHART_HEIGHT / 2:.0f}) rotate(-90)" '
                 f'font-size="{_FONT}" text-anchor="middle" class="axis-label">share of responses</text></g>')
    return "".join(parts)


def _bar(x: float, period: str, by_family: Mapping[str, int], families: Sequence[str]) -> str:
    total = sum(by_family.get(f, 0) for f in families)
    bottom = _MARGIN_TOP + _CHART_HEIGHT
    parts = [f'<g class="bar" data-period="{escape(period)}">']
    y = float(bottom)
    for fam in families:
        n = by_family.get(fam, 0)
        if not n:
            continue
        h = _CHART_HEIGHT * n / total
        y -= h
        tip = f"{period}, {fam}: {n} of {total} ({100 * n / total:.0f}%)"
        parts.append(f'<rect class="seg" data-family="{escape(fam)}" x="{x:.1f}" y="{y:.1f}" width="{_BAR_WIDTH}" '
                     f'height="{h:.1f}" fill="{color(fam)}"><title>{escape(tip)}</title></rect>')
        if h >= _FONT + 2:
            parts.append(_text(x + _BAR_WIDTH / 2, y + h / 2 + 4, n, anchor="middle", cls="seg-count"))
    if not total:
        parts.append(_text(x + _BAR_WIDTH / 2, bottom - 4, "none", anchor="middle"))
    parts.append(_text(x + _BAR_WIDTH / 2, _MARGIN_TOP - 6, f"n={total}", anchor="middle"))
    parts.append(_text(x + _BAR_WIDTH / 2, bottom + 14, period, anchor="middle"))
    parts.append("</g>")
    return "".join(parts)


# ------------------------------------------------------------------------------------ timeline
@dataclass(frozen=True)
class Mark:
    """One event on the timeline."""

    day: date
    family: str
    tip: str
    ref: str = ""  # the event's anchor id in the report


@dataclass(frozen=True)
class Row:
    """One timeline row: an episode (with a span) or a group of events without one."""

    label: str
    start: date | None = None
    end: date | None = None
    marks: tuple[Mark, ...] = field(default_factory=tuple)
    tip: str = ""


def timeline(rows: Sequence[Row], families: Sequence[str] = FAMILIES, *,
             label: str = "Episode timeline") -> Markup:
    """Episodes as bars on a shared time axis, their events as dots coloured by family.

    rows: one per episode (or per group of unassigned events), top to bottom.
    RETURNS (Markup): an ``<svg>`` with one ``<g class="episode">`` per row.
    """
    days = [d for r in rows for d in (r.start, r.end) if d] + [m.day for r in rows for m in r.marks]
    if not days:
        return Markup('<p class="empty">No dated events to place on a timeline.</p>')
    lo, hi = min(days), max(days)
    span = max((hi - lo).days, 1)
    width = _LABEL_WIDTH + _TIMELINE_WIDTH + 20
    height = _MARGIN_TOP + len(rows) * _ROW_HEIGHT + _MARGIN_BOTTOM

    def xpos(d: date) -> float:
        return _LABEL_WIDTH + _TIMELINE_WIDTH * (d - lo).days / span

    parts = [_open_svg(width, height, label, "chart timeline")]
    for i, row in enumerate(rows):
        parts.append(_timeline_row(row, _MARGIN_TOP + i * _ROW_HEIGHT, xpos))
    parts.append(_time_axis(lo, hi, _MARGIN_TOP + len(rows) * _ROW_HEIGHT, xpos))
    parts.append(legend(families, _LABEL_WIDTH, height - 6))
    parts.append("</svg>")
    return Markup("".join(parts))


def _timeline_row(row: Row, top: float, xpos: Callable[[date], float]) -> str:
    mid = top + _ROW_HEIGHT / 2
    parts = ['<g class="episode">', _text(_LABEL_WIDTH - 6, mid + 4, _clip(row.label), anchor="end")]
    if row.start and row.end:
        x0, x1 = xpos(row.start), xpos(row.end)
        parts.append(f'<rect class="span" x="{x0:.1f}" y="{top + 3:.1f}" width="{max(x1 - x0, 3):.1f}" '
                     f'height="{_ROW_HEIGHT - 6}" rx="3" fill="#dfe6ee" stroke="#9aa8b8">'
                     f"<title>{escape(row.tip or row.label)}</title></rect>")
    for m in row.marks:
        dot = (f'<circle class="mark" data-family="{escape(m.family)}" cx="{xpos(m.day):.1f}" cy="{mid:.1f}" r="4" '
               f'fill="{color(m.family)}" fill-opacity="0.85"><title>{escape(m.tip)}</title></circle>')
        parts.append(f'<a href="#{escape(m.ref)}">{dot}</a>' if m.ref else dot)
    parts.append("</g>")
    return "".join(parts)


def _time_axis(lo: date, hi: date, y: float, xpos: Callable[[date], float]) -> str:
    parts = [f'<g class="axis"><line x1="{_LABEL_WIDTH}" y1="{y:.1f}" x2="{_LABEL_WIDTH + _TIMELINE_WIDTH}" '
             f'y2="{y:.1f}" stroke="#555"/>']
    for tick, text in _ticks(lo, hi):
        x = xpos(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 4:.1f}" stroke="#555"/>')
        parts.append(_text(x, y + 15, text, anchor="middle"))
    parts.append(_text(_LABEL_WIDTH + _TIMELINE_WIDTH / 2, y + 29, "date", anchor="middle", cls="axis-label"))
    parts.append("</g>")
    return "".join(parts)


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Year ticks for spans over two years, month ticks otherwise; at most ``_MAX_TICKS``."""
    if (hi - lo).days > 730:
        years = list(range(lo.year + (lo > date(lo.year, 1, 1)), hi.year + 1))
        step = -(-len(years) // _MAX_TICKS) or 1
        return [(date(y, 1, 1), str(y)) for y in years[::step]]
    months = []
    y, m = (lo.year, lo.month) if lo.day == 1 else (lo.year + lo.month // 12, lo.month % 12 + 1)
    while date(y, m, 1) <= hi:
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = -(-len(months) // _MAX_TICKS) or 1
    return [(d, d.strftime("%Y-%m")) for d in months[::step]]


def _clip(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"

