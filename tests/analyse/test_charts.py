"""The one chart module: every chart is a static SVG drawn by Vega-Lite, with marks we can count."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from contention.analyse import charts, geodata, learn
from contention.analyse.changepoints import monthly_series
from contention.analyse.frame import normalise_frame

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(autouse=True)
def validated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every spec drawn here is checked against the Vega-Lite schema first (off in production: it is slow)."""
    monkeypatch.setattr(charts, "VALIDATE", True)


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    return root


def _items(root: ET.Element, layer: str) -> list[ET.Element]:
    """The described marks of one layer (each layer's marks sit in a group classed ``<layer>_marks``)."""
    groups = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if f"{layer}_marks" in (g.get("class") or "").split()]
    return [el for g in groups for el in g.iter() if el.get("aria-label") is not None and el is not g]


def test_charts_repertoire_one_bar_segment_per_year_and_family(kz_events):
    root = _parse(charts.repertoire_chart(charts.repertoire_counts(normalise_frame(kz_events))))
    labels = [el.get("aria-label") for el in _items(root, "bars")]
    years = sorted({lab[:4] for lab in labels})
    assert years == ["2010", "2011", "2016", "2019"]
    assert any(lab.startswith("2011: repression") for lab in labels)
    assert len(_items(root, "n")) == 4  # one n label per year with responses


def test_charts_repertoire_time_axis_keeps_gaps_and_fades_low_n():
    counts = pd.DataFrame({"year": [2001, 2001, 2009], "family": ["repression", "accommodation", "repression"],
                           "n": [30, 10, 2]})
    svg = charts.repertoire_chart(counts, low_n=10)
    root = _parse(svg)
    bars = {el.get("aria-label"): el for el in _items(root, "bars")}
    assert set(bars) == {"2001: repression 30 of 40 (75%)", "2001: accommodation 10 of 40 (25%)",
                         "2009: repression 2 of 2 (100%)"}
    faded = bars["2009: repression 2 of 2 (100%)"]
    assert float(faded.get("fill-opacity") or faded.get("opacity") or 1) < 0.5
    solid = bars["2001: repression 30 of 40 (75%)"]
    assert float(solid.get("fill-opacity") or solid.get("opacity") or 1) == 1
    # a continuous axis: 2009's bar is further from 2001's than one bar width
    x = {k[:4]: float(re.match(r"M([\d.]+)", v.get("d")).group(1)) for k, v in bars.items()}
    assert x["2009"] - x["2001"] > 6 * 50


def test_charts_repertoire_accepts_a_shares_table(kz_events):
    result = learn(kz_events, n_boot=50)
    root = _parse(charts.repertoire_chart(result.shares_by_year))
    assert _items(root, "bars")


def test_charts_before_after_a_dot_and_an_interval_per_family_and_period(kz_events):
    result = learn(kz_events, n_boot=100)
    root = _parse(charts.before_after_chart(result.before_after, landmark="2011-12-16"))
    measures = result.before_after.loc[result.before_after["period"] != "difference", "family"].unique()
    assert {"repression", "preemption", "accommodation", "rhetoric"} <= set(measures)
    dots = [el.get("aria-label") for el in _items(root, "dots")]
    intervals = _items(root, "intervals")
    assert len(dots) == len(intervals) == 2 * len(measures)  # every measure has an estimate both sides here
    assert any(d.startswith("repression before:") for d in dots) and any(d.startswith("rhetoric after:") for d in dots)
    assert len(_items(root, "ns")) == 2 * len(measures)  # n episodes beside every row


def test_charts_before_after_draws_every_measure_in_the_table(kz_events):
    result = learn(kz_events, n_boot=50)
    extra = result.before_after[result.before_after["family"] == "repression"].assign(family="preemptive share")
    root = _parse(charts.before_after_chart(pd.concat([result.before_after, extra]), landmark="2011-12-16"))
    assert sum(d.get("aria-label").startswith("preemptive share") for d in _items(root, "dots")) == 2


def test_charts_timeline_rows_in_date_order_with_events_and_landmark(kz_events):
    result = learn(kz_events, n_boot=50)
    events = normalise_frame(kz_events).merge(result.mapping, on="event_key")
    svg = charts.timeline_chart(result.episodes, events, landmark="2011-12-16", landmark_label="Zhanaozen")
    root = _parse(svg)
    assert len(_items(root, "spans")) == len(result.episodes) == 5
    # every asserted event is dated to the day or month; same-day events of one family share a dot
    dots = [d.get("aria-label") for d in _items(root, "dots")]
    assert sum(int(d.split("×")[1]) if "×" in d else 1 for d in dots) == 15 and len(dots) < 15
    assert len(_items(root, "landmark")) == 1 and "Zhanaozen" in svg
    eps, _dots, cut = charts.timeline_data(result.episodes, events)
    assert list(eps["start"]) == sorted(eps["start"]) and cut == 0


def test_charts_timeline_keeps_the_largest_episodes_and_says_so(kz_events):
    result = learn(kz_events, n_boot=50)
    events = normalise_frame(kz_events).merge(result.mapping, on="event_key")
    svg = charts.timeline_chart(result.episodes, events, max_rows=2)
    assert len(_items(_parse(svg), "spans")) == 2 and "3 more left out" in svg


def test_charts_monthly_panels_and_change_points():
    months = pd.date_range("2010-01-01", periods=36, freq="MS", name="month")
    monthly = pd.DataFrame({"protests": [1] * 18 + [6] * 18, "repression": [0] * 36}, index=months)
    cps = pd.DataFrame({"series": ["protests"], "month": [months[18]], "before": [1.0], "after": [6.0],
                        "month_low": [months[16]], "month_high": [months[20]]})
    root = _parse(charts.monthly_chart(monthly, cps))
    assert len(_items(root, "protests_change")) == 1 and len(_items(root, "protests_interval")) == 1
    assert not _items(root, "repression_change")


def test_charts_monthly_from_the_analysis(kz_events):
    result = learn(kz_events, n_boot=50)
    _parse(charts.monthly_chart(monthly_series(kz_events), result.changepoints))


@pytest.mark.parametrize("label", ["x & <y>", "a\"b'c"])
def test_charts_escape_text(label: str):
    eps = pd.DataFrame({"episode_id": ["a<b"], "start": [pd.Timestamp("2011-01-01")],
                        "end": [pd.Timestamp("2011-01-02")], "label": [label], "place": [label]})
    events = pd.DataFrame({"event_key": ["k"], "episode_id": ["a<b"], "family": ["protest"], "date": ["2011-01-01"]})
    _parse(charts.timeline_chart(eps, events, title=label))


def test_charts_map_world_has_borders_and_no_overlapping_labels():
    places = [("Almaty, KZ", 76.95, 43.25, 50), ("Astana, KZ", 71.43, 51.13, 20), ("Paris, FR", 2.35, 48.86, 30),
              ("Versailles, FR", 2.13, 48.80, 29), ("Lyon, FR", 4.83, 45.76, 5)]
    svg = charts.map_chart(places, by_country={"KZ": 70, "FR": 64})
    root = _parse(svg)
    areas = _items(root, "areas")
    assert len(areas) > 150  # every country outline
    assert any(a.get("aria-label") == "Kazakhstan: 70 events" for a in areas)
    assert len(_items(root, "dots")) == 5
    boxes = []
    for lab in geodata.place_labels([(p[0], *geodata.fit((-180, -58, 180, 84), kind="equirectangular",
                                                           width=charts.MAP_WIDTH).xy(p[1], p[2]), 4) for p in places],
                                    width=charts.MAP_WIDTH, height=500):
        w = len(lab.text) * 6.4
        x0 = lab.x if lab.align == "left" else lab.x - w
        boxes.append((x0, lab.y - 6.5, x0 + w, lab.y + 6.5))
    assert all(not geodata._overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert len(boxes) < len(places)  # Paris and Versailles cannot both be labelled


def test_charts_map_country_shows_region_cells_and_neighbours():
    svg = charts.map_chart([("Zhanaozen, KZ", 52.8, 43.34, 12)], country="KZ", by_region={"Mangystau": 12},
                           locate=geodata.locate)
    root = _parse(svg)
    areas = {a.get("aria-label") for a in _items(root, "areas")}
    assert "Mangystau: 12 events" in areas and len(areas) >= 14
    assert "approximate" in svg
