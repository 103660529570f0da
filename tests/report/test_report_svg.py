"""The inline SVG helpers."""
from __future__ import annotations

from datetime import date

import pytest

from contention.report import svg
from contention.report.views import context, parse_day, segments


@pytest.mark.parametrize("periods", [["2011", "2012", "2016"], ["2022"]])
def test_svg_stacked_bars_one_group_per_period(periods: list[str]) -> None:
    out = svg.stacked_bars({p: {"repression": 2, "accommodation": 1} for p in periods}, ["repression", "accommodation"])
    assert out.count('<g class="bar"') == len(periods)
    assert out.count('<rect class="seg"') == 2 * len(periods)
    assert 'fill="#c0392b"' in out and "<title>" in out and 'role="img"' in out


@pytest.mark.parametrize("label", ["<b>x</b> & y"])
def test_svg_escapes_labels(label: str) -> None:
    out = svg.timeline([svg.Row(label, date(2011, 1, 1), date(2011, 3, 1),
                                (svg.Mark(date(2011, 2, 1), "repression", label),))])
    assert "<b>" not in out and "&lt;b&gt;" in out


@pytest.mark.parametrize(("lo", "hi", "first"), [(date(2011, 5, 3), date(2022, 1, 5), "2012"),
                                                 (date(2011, 5, 3), date(2011, 12, 31), "2011-06")])
def test_svg_ticks(lo: date, hi: date, first: str) -> None:
    ticks = svg._ticks(lo, hi)
    assert ticks[0][1] == first and len(ticks) <= 12


@pytest.mark.parametrize(("iso", "day"), [("2011-12-16", date(2011, 12, 16)), ("2011-12", date(2011, 12, 15)),
                                          ("2011", date(2011, 7, 1)), (None, None), ("unknown", None)])
def test_views_parse_day(iso: str | None, day: date | None) -> None:
    assert parse_day(iso) == day


@pytest.mark.parametrize(("start", "end"), [(None, None), (999, 1000)])
def test_views_context_falls_back_to_search(start: int | None, end: int | None) -> None:
    text = "First sentence here. The square was cleared at dawn. Later on, calm."
    ctx = context(text, "cleared at dawn", start, end)
    assert (ctx.before, ctx.span, ctx.after) == ("The square was ", "cleared at dawn", ".")


@pytest.mark.parametrize(("spans", "marked"), [([(0, 4), (2, 6)], ["abcdef"]), ([(0, 1), (3, 4)], ["a", "d"])])
def test_views_segments_merge_overlaps(spans: list[tuple[int, int]], marked: list[str]) -> None:
    assert [t for t, m in segments("abcdefgh", spans) if m] == marked
