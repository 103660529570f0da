"""Issue 2: the seed article comes out with each of its acts, each with evidence from the text."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from contention.pipeline import extract_documents
from contention.records import Document

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    for cand in (os.environ.get("CONTENTION_SHARED"), REPO.parent / "shared", Path("/work/shared")):
        if cand and Path(cand, "data", "dev").exists():
            return Path(cand)
    pytest.skip("shared/ data not found next to the repository")


@pytest.fixture(scope="module")
def seed_events():
    row = json.loads((shared_dir() / "data" / "dev" / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    doc = Document(row["doc_id"], row["text"], lang=row.get("lang"), published=row.get("published"))
    (res,) = extract_documents([doc])
    return doc, [e for e in res.events if e.modality == "asserted"]


@pytest.mark.parametrize(
    ("what", "types", "year"),
    [
        ("the Zhanaozen strike", {"protest.strike"}, None),
        ("the crackdown", {"response.lethal_force", "response.physical_force"}, None),
        ("the internet shutdown", {"response.information_control"}, None),
        ("the arrests", {"response.detention"}, None),
        ("the snap elections", {"response.political_reform"}, None),
        ("the state of emergency", {"response.emergency_measures"}, None),
        ("the firings", {"response.personnel_change"}, None),
        ("the concessions", {"response.material_concession"}, None),
        ("the 2016 strike", {"protest.strike"}, "2016"),
        ("the 2016 arbitration", {"response.negotiation"}, "2016"),
    ],
)
def test_seed_article_yields_each_act_with_evidence(seed_events, what: str, types: set[str], year: str | None) -> None:
    doc, events = seed_events
    hits = [e for e in events if e.type in types and (year is None or (e.date or "").startswith(year))]
    assert hits, f"{what} not found"
    for e in hits:
        assert doc.text[e.evidence.start:e.evidence.end] == e.evidence.text
