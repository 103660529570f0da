"""The dashboard's learning page and /api/learning: country, landmark and origin, bad input as 400."""
from __future__ import annotations

from .conftest import LiveServer


def test_learning_api_origin_and_default_landmark(live_server: LiveServer) -> None:
    client = live_server.client()
    body = client.get("/api/learning", params={"country": "KZ"}).json()
    assert body["landmark"] == "2011-12-16" and body["landmark_name"] == "the Zhanaozen shooting"
    assert set(body["preemptive"]) == {"before", "after", "difference"}
    assert "no_response" in body["episodes"]
    only = client.get("/api/learning", params={"country": "KZ", "origin": "extracted"}).json()
    assert only["origin"] == ["extracted"]
    assert only["n_events"] <= body["n_events"]


def test_learning_page_shows_table_and_methods(live_server: LiveServer) -> None:
    page = live_server.client().get("/learning", params={"country": "kz", "landmark": "2011-12-16"})
    assert page.status_code == 200
    assert 'class="learning-estimates"' in page.text and 'class="methods-box"' in page.text
    assert 'data-measure="preemptive"' in page.text


def test_learning_bad_requests_are_400(live_server: LiveServer) -> None:
    client = live_server.client()
    for params in ({"country": "ZZ"}, {"country": "KZ", "landmark": "16.12.2011"},
                   {"country": "KZ", "origin": "imported:acled"}, {"country": "KZ", "landmark": "2040-01-01"}):
        r = client.get("/api/learning", params=params)
        assert r.status_code == 400, (params, r.status_code, r.text[:200])
