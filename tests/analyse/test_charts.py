from __future__ import annotations

import xml.etree.ElementTree as ET

from contention.analyse import learn
from contention.analyse.charts import before_after_chart, repertoire_chart, timeline_chart
from contention.analyse.frame import normalise_frame

NS = {"s": "http://www.w3.org/2000/svg"}


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    return root


def test_charts_repertoire_bars_per_year(kz_events):
    result = learn(kz_events, n_boot=100)
    root = _parse(repertoire_chart(result.shares_by_year))
    bars = root.findall(".//s:g[@class='bar']", NS)
    assert [b.get("data-year") for b in bars] == ["2010", "2011", "2016", "2019"]
    zh = next(b for b in bars if b.get("data-year") == "2011")
    assert {r.get("data-family") for r in zh.findall("s:rect", NS)} == {"repression", "accommodation"}


def test_charts_before_after_bars_and_whiskers(kz_events):
    result = learn(kz_events, n_boot=100)
    root = _parse(before_after_chart(result.before_after, landmark="2011-12-16"))
    assert len(root.findall(".//s:rect[@class='bar']", NS)) == 8
    assert len(root.findall(".//s:line[@class='whisker']", NS)) == 8


def test_charts_timeline_episodes_and_marks(kz_events):
    result = learn(kz_events, n_boot=100)
    events = normalise_frame(kz_events).merge(result.mapping, on="event_key")
    root = _parse(timeline_chart(result.episodes, events))
    assert len(root.findall(".//s:rect[@class='episode']", NS)) == len(result.episodes) == 5
    marks = root.findall(".//s:circle[@class='mark']", NS)
    assert len(marks) == 15  # every asserted event is dated to the day or month
    assert {m.get("data-family") for m in marks} == {"protest", "repression", "accommodation", "preemption", "rhetoric"}


def test_charts_escape_text():
    import pandas as pd
    eps = pd.DataFrame({"episode_id": ["a<b"], "start": [pd.Timestamp("2011-01-01")],
                        "end": [pd.Timestamp("2011-01-02")], "label": ["x & <y>"]})
    events = pd.DataFrame({"event_key": ["k"], "episode_id": ["a<b"], "family": ["protest"], "date": ["2011-01-01"]})
    _parse(timeline_chart(eps, events))
