"""The report's view helpers: dates, evidence in context, marked segments."""
from __future__ import annotations

from datetime import date

import pytest

from contention.report.views import context, parse_day, segments


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
