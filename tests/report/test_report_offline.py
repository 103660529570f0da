"""The offline HTML report, built from a small hand-made event table (our own sentences)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from contention.errors import InputError
from contention.report import build_report, render_report

DOC_A = ("Oil workers in the town of Saltwell stopped work on 3 May. "
         "Police fired on the crowd in the square and four people died. "
         "The regional governor was removed a week later.")
DOC_B = ("Drillers near Saltwell walked out again this autumn. "
         "This time the regional administration brought managers and strikers to the table. "
         "Officers detained two organisers before a planned rally. <script>alert(1)</script> "
         "The minister may offer a pay rise next month.")
DOCUMENTS = {
    "a": {"title": "Shooting in Saltwell", "url": "https://news.example.org/saltwell-1",
          "published": "2011-12-20", "source": "a.txt", "text": DOC_A},
    "b": {"title": "Talks <b>not</b> bullets", "url": "javascript:alert(2)",
          "published": "2016-10-06", "source": "b.md", "text": DOC_B},
    "c": {"title": "Dataset row only", "url": None, "published": None, "source": None, "text": ""},
}


def _span(doc: str, sentence: str) -> tuple[int, int]:
    start = doc.index(sentence)
    return start, start + len(sentence)


def _event(key: str, type_: str, date: str | None, doc_id: str, evidence: str, **extra: object) -> dict:
    text = DOCUMENTS[doc_id]["text"]
    start, end = _span(text, evidence) if evidence and evidence in text else (None, None)
    row = {"event_key": key, "type": type_, "date": date, "country": "KZ", "admin1": "Westland",
           "place": "Saltwell", "actor": None, "actor_type": None, "modality": "asserted",
           "preemptive": False, "origin": "extracted", "doc_id": doc_id, "evidence": evidence,
           "evidence_start": start, "evidence_end": end, "killed": None, "injured": None,
           "detained": None, "participants": None, "claims": None}
    row.update(extra)
    return row


@pytest.fixture
def report_events() -> pd.DataFrame:
    rows = [
        _event("k1", "protest.strike", "2011-05-03", "a", "Oil workers in the town of Saltwell stopped work on 3 May.",
               claims=["wages"]),
        _event("k2", "response.lethal_force", "2011-12-16", "a",
               "Police fired on the crowd in the square and four people died.", killed=4, actor="police",
               actor_type="security_forces"),
        _event("k3", "response.personnel_change", "2011-12", "a", "The regional governor was removed a week later."),
        _event("k4", "protest.strike", "2016-09", "b", "Drillers near Saltwell walked out again this autumn."),
        _event("k5", "response.negotiation", "2016-10", "b",
               "This time the regional administration brought managers and strikers to the table."),
        _event("k6", "response.detention", "2016-10", "b", "Officers detained two organisers before a planned rally.",
               preemptive=True, detained=2),
        _event("k7", "response.material_concession", "2016-11", "b",
               "The minister may offer a pay rise next month.", modality="planned"),
        _event("k8", "protest.demonstration", "2019-06-10", "c", "A rally took place.", origin="imported:acled",
               evidence_start=None, evidence_end=None),
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def report_episodes() -> tuple[pd.DataFrame, pd.DataFrame]:
    episodes = pd.DataFrame([
        {"episode_id": "e1", "country": "KZ", "admin1": "Westland", "place": "Saltwell", "start": "2011-05-03",
         "end": "2011-12-31", "label": "Saltwell 2011", "n_protests": 1, "n_responses": 2},
        {"episode_id": "e2", "country": "KZ", "admin1": "Westland", "place": "Saltwell", "start": "2016-09",
         "end": "2016-10", "label": "Saltwell 2016", "n_protests": 1, "n_responses": 2},
    ])
    mapping = pd.DataFrame({"event_key": ["k1", "k2", "k3", "k4", "k5", "k6", "k7"],
                            "episode_id": ["e1", "e1", "e1", "e2", "e2", "e2", "e2"]})
    return episodes, mapping


@pytest.fixture
def report_html(report_events: pd.DataFrame, report_episodes: tuple[pd.DataFrame, pd.DataFrame],
                tmp_path: Path) -> str:
    episodes, mapping = report_episodes
    out = build_report(report_events, DOCUMENTS, tmp_path / "sub" / "report.html", episodes=episodes,
                       episode_map=mapping, run_info={"version": "0.1.0", "config": "default <cfg>"},
                       learning_sections=[("Shift", '<p class="from-analysis">repression down</p>')])
    assert out == tmp_path / "sub" / "report.html"
    return out.read_text(encoding="utf-8")


def _count(html: str, key: str, attr: str = "data-count") -> int:
    m = re.search(rf'{attr}="{re.escape(key)}">(\d+)<', html)
    assert m, f"no {attr}={key}"
    return int(m.group(1))


@pytest.mark.parametrize(("key", "expected"), [("documents", 3), ("events", 8), ("asserted", 7),
                                               ("extracted", 7), ("imported", 1), ("episodes", 2)])
def test_report_offline_header_counts(report_html: str, key: str, expected: int) -> None:
    assert _count(report_html, key) == expected


@pytest.mark.parametrize(("family", "expected"), [("protest", 3), ("repression", 2), ("accommodation", 2),
                                                  ("preemption", 0), ("rhetoric", 0)])
def test_report_offline_family_counts(report_html: str, family: str, expected: int) -> None:
    assert _count(report_html, family, "data-family-count") == expected


@pytest.mark.parametrize("needle", ["<script>alert(1)</script>", "<b>not</b>"])
def test_report_offline_escapes_document_text(report_html: str, needle: str) -> None:
    assert needle not in report_html
    assert needle.replace("<", "&lt;").replace(">", "&gt;") in report_html


@pytest.mark.parametrize("bad_scheme", ["javascript:"])
def test_report_offline_no_unsafe_links(report_html: str, bad_scheme: str) -> None:
    assert f'href="{bad_scheme}' not in report_html


@pytest.mark.parametrize("pattern", [r"\bsrc\s*=", r"@import", r"url\((?!#)", r"<link\b", r"<iframe\b"])
def test_report_offline_loads_nothing(report_html: str, pattern: str) -> None:
    assert not re.search(pattern, report_html, re.I)


@pytest.mark.parametrize("scheme", ["http", "//"])
def test_report_offline_external_hrefs_only_on_source_links(report_html: str, scheme: str) -> None:
    for tag in re.findall(rf'<[^>]*\bhref="{scheme}[^>]*>', report_html):
        assert tag.startswith('<a class="source"'), tag
    assert 'href="https://news.example.org/saltwell-1"' in report_html


@pytest.mark.parametrize("evidence", ["Police fired on the crowd in the square and four people died."])
def test_report_offline_marks_evidence_in_sentence(report_html: str, evidence: str) -> None:
    assert f"<mark>{evidence}</mark>" in report_html


def _marks(svg: str, layer: str) -> list[str]:
    """aria-labels of one chart layer's marks (the chart module puts each layer in ``<g class="... LAYER_marks">``)."""
    found = re.search(rf'<g class="[^"]*\b{layer}_marks\b[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    return re.findall(r'aria-label="([^"]*)"', found.group(1)) if found else []


@pytest.mark.parametrize("years", [["2011", "2016"]])
def test_report_offline_repertoire_bars(report_html: str, years: list[str]) -> None:
    bars = re.search(r'<svg[^>]*class="chart repertoire".*?</svg>', report_html, re.S)
    assert bars
    labels = _marks(bars.group(), "bars")
    assert sorted({lab[:4] for lab in labels}) == years
    # planned concession and protests stay out of the repertoire: 2016 has one negotiation, one detention
    assert sorted(lab for lab in labels if lab.startswith("2016")) == ["2016: accommodation 1 of 2 (50%)",
                                                                         "2016: repression 1 of 2 (50%)"]
    assert 'data-period="2016"><td>2016</td><td class="num">1' in report_html


@pytest.mark.parametrize("n_episodes", [2])
def test_report_offline_timeline_rows(report_html: str, n_episodes: int) -> None:
    svg = re.search(r'<svg[^>]*class="chart timeline".*?</svg>', report_html, re.S)
    assert svg
    assert len(_marks(svg.group(), "spans")) == n_episodes
    assert len(_marks(svg.group(), "dots")) == 6  # asserted, dated events of the episodes (k7 is planned)
    assert 'role="img"' in svg.group() and "aria-label=" in svg.group()


@pytest.mark.parametrize("badge", ['<span class="badge modality">planned</span>', '<span class="badge pre">preemptive'])
def test_report_offline_badges(report_html: str, badge: str) -> None:
    assert badge in report_html


@pytest.mark.parametrize("fragment", ['<p class="from-analysis">repression down</p>', "default &lt;cfg&gt;"])
def test_report_offline_sections_and_run_info(report_html: str, fragment: str) -> None:
    assert fragment in report_html


@pytest.mark.parametrize("column", ["event_key", "type"])
def test_report_offline_missing_column(report_events: pd.DataFrame, column: str) -> None:
    with pytest.raises(InputError):
        render_report(report_events.drop(columns=[column]), DOCUMENTS)


@pytest.mark.parametrize("columns", [["event_key", "type", "doc_id"]])
def test_report_offline_minimal_table(columns: list[str]) -> None:
    html = render_report(pd.DataFrame(columns=columns), {})
    assert "No dated asserted responses." in html
    assert "No dated episodes to place on a timeline." in html


@pytest.mark.parametrize("chart", ["chart repertoire", "chart timeline", "chart map"])
def test_report_offline_svg_is_well_formed(report_html: str, chart: str) -> None:
    import xml.etree.ElementTree as ET

    found = re.search(rf'<svg[^>]*class="{chart}".*?</svg>', report_html, re.S)
    assert found
    root = ET.fromstring(found.group())
    assert root.get("role") == "img" and root.get("aria-label")


@pytest.mark.parametrize("limit", [3])
def test_report_offline_lists_at_most_max_events_and_links_the_tables(report_events: pd.DataFrame, limit: int) -> None:
    html = render_report(report_events, DOCUMENTS, max_events=limit, exports={"csv": "events.csv"})
    assert html.count('<tr class="event ') == limit
    assert 'id="events-cut"' in html and '<a href="events.csv">events.csv</a>' in html
    # charts and counts still use every event
    assert _count(html, "events") == len(report_events)


def test_report_offline_charts_have_ids_of_their_own(report_html: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', report_html)
    assert len(ids) == len(set(ids))
