from __future__ import annotations

import types
from pathlib import Path

import contention


def test_public_api_exports_match_all() -> None:
    public = {n for n in dir(contention) if not n.startswith("_") and not isinstance(getattr(contention, n), types.ModuleType)}
    public -= {"annotations", "logging", "Path", "TYPE_CHECKING", "Any"}
    assert callable(contention.extract) and callable(contention.report)  # not the subpackages of the same names
    assert public | {"__version__"} == set(contention.__all__)


def test_public_api_extract_returns_events_with_evidence() -> None:
    text = "Police detained 20 striking drillers in Aktau on Monday."
    evs = contention.extract(text, lang="en", published="2016-10-05")
    types = {e.type for e in evs}
    assert {"response.detention", "protest.strike"} <= types
    assert all(text[e.evidence.start:e.evidence.end] == e.evidence.text for e in evs)


def test_public_api_run_events_learn(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'api.db'}"
    examples = Path(__file__).resolve().parents[1] / "examples"
    summary = contention.run([examples / "2016-10-zhanaozen-drillers-strike.txt", examples / "2011-12-17-zhanaozen-shooting.md"], db=db)
    assert summary.new_events > 0
    frame = contention.events(db=db, country="KZ")
    assert len(frame) == summary.new_events
    result = contention.learn(db=db, n_boot=200)
    assert set(result.to_dict()) >= {"repression", "accommodation", "country", "landmark", "n_events"}


def test_learning_result_to_json_is_json_text(tmp_path) -> None:
    import json

    import contention

    db = f"sqlite:///{tmp_path / 'c.db'}"
    contention.run([str(Path(__file__).resolve().parents[1] / "examples")], db=db)
    result = contention.learn(db=db, country="KZ", landmark="2011-12-16", n_boot=50)
    text = result.to_json()
    assert isinstance(text, str) and json.loads(text) == result.to_dict()


def test_citation_file_names_this_version() -> None:
    import re

    repo = Path(__file__).resolve().parents[1]
    cff = (repo / "CITATION.cff").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^([a-z-]+): (.+)$", cff, re.M))
    assert fields["cff-version"] == "1.2.0" and fields["version"] == contention.__version__
    assert fields["license"] == "MIT" and fields["title"].strip('"').startswith("contention")
    assert re.search(r"^authors:\n  - name: ", cff, re.M)
    assert "CITATION.cff" in (repo / "README.md").read_text(encoding="utf-8")
