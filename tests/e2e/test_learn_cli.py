"""`contention learn` and `contention report` as a user runs them: sources, origins, any country."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contention.analyse.learning import SOURCE_MIN_EPISODES
from tests.shared_path import SHARED

REPO = Path(__file__).resolve().parents[2]
MM = SHARED / "data" / "mass-mobilization"


def contention(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contention", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data file {path} is not on this machine")
    return path


@pytest.fixture(scope="module")
def two_dbs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    kz = _need(MM / "mm_kazakhstan.csv")
    work = tmp_path_factory.mktemp("learn")
    both, mm_only = f"sqlite:///{work / 'both.db'}", f"sqlite:///{work / 'mm.db'}"
    for args in (("run", str(REPO / "examples"), "--db", both, "--no-report", "-q"),
                 ("import", "mm", str(kz), "--db", both, "-q"),
                 ("import", "mm", str(kz), "--db", mm_only, "-q")):
        proc = contention(*args, cwd=work)
        assert proc.returncode == 0, proc.stderr
    return work, both, mm_only


def _estimates(out: dict) -> dict:  # type: ignore[type-arg]
    keys = ("repression", "preemption", "accommodation", "rhetoric", "preemptive", "episodes", "n_events")
    return {k: out[k] for k in keys}


def test_learn_examples_and_mm_per_source_and_origin(two_dbs) -> None:  # type: ignore[no-untyped-def]
    work, both, mm_only = two_dbs
    proc = contention("learn", "--db", both, "--country", "KZ", "--landmark", "2011-12-16", "--json", cwd=work)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out["sources"]) == {"extracted", "imported:mm"}
    # a warning for exactly the measures whose per-source differences have opposite signs, among the sources with
    # enough episodes on each side to count (analyse.sources.sign_disagreements, SOURCE_MIN_EPISODES)
    opposite = set()
    for m in ("repression", "preemption", "accommodation", "rhetoric", "preemptive"):
        d = [v[m]["difference"]["estimate"] for v in out["sources"].values()
             if min(v[m]["before"]["n_episodes"], v[m]["after"]["n_episodes"]) >= SOURCE_MIN_EPISODES]
        if d and min(d) <= -0.005 and max(d) >= 0.005:
            opposite.add(m)
    warned = {m for m in opposite if any(f"direction of {m} " in w for w in out["warnings"])}
    assert warned == opposite and len(out["warnings"]) == len(opposite)
    text = contention("learn", "--db", both, cwd=work)
    assert "Per source, the change after 2011-12-16 was" in text.stdout
    assert ("! Warning: the sources disagree" in text.stdout) == bool(opposite)
    # --origin imported:mm reproduces the MM-only database
    only = json.loads(contention("learn", "--db", both, "--origin", "imported:mm", "--json", cwd=work).stdout)
    alone = json.loads(contention("learn", "--db", mm_only, "--json", cwd=work).stdout)
    assert _estimates(only) == _estimates(alone)
    assert only["sources"] == {} and alone["sources"] == {}


def test_learn_table_file_and_errors(two_dbs) -> None:  # type: ignore[no-untyped-def]
    work, both, _ = two_dbs
    proc = contention("learn", "--db", both, "--window", "5", "--table", str(work / "t.csv"), cwd=work)
    assert proc.returncode == 0, proc.stderr
    header = (work / "t.csv").read_text().splitlines()[0]
    assert header.startswith("country,landmark,source,measure,kind,period,estimate,ci_low,ci_high")
    for args, message in ((("--country", "QQ"), "unknown country"), (("--landmark", "yesterday"), "not a date"),
                          (("--country", "BY"), "no asserted events for country BY"),
                          (("--origin", "imported:gdelt"), "no events of origin")):
        bad = contention("learn", "--db", both, *args, cwd=work)
        assert bad.returncode == 1 and message in bad.stderr and len(bad.stderr.strip().splitlines()) == 1, bad.stderr


@pytest.mark.slow
def test_report_any_country_and_landmark(tmp_path: Path) -> None:
    full = _need(MM / "mmALL_073120_full.csv.gz")
    db = f"sqlite:///{tmp_path / 'full.db'}"
    assert contention("import", "mm", str(full), "--db", db, "-q", cwd=tmp_path).returncode == 0
    proc = contention("report", "--db", db, "--country", "RU", "--landmark", "2012-05-06", "-o", "rep", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    assert 'id="learning"' in html and "What changed after the Bolotnaya Square clashes (RU, 2012-05-06)" in html
    assert 'class="learning-estimates"' in html and 'class="methods-box"' in html
    table = json.loads((tmp_path / "rep" / "learning-estimates.json").read_text())
    assert {r["country"] for r in table["estimates"]} == {"RU"}
    assert (tmp_path / "rep" / "learning-estimates.csv").exists()
    for args, message in ((("--country", "RU", "--landmark", "2012-13-01"), "not a date"),
                          (("--country", "Narnia"), "unknown country"),
                          (("--landmark", "2012-05-06"), "needs --country")):
        bad = contention("report", "--db", db, *args, "-o", "bad", cwd=tmp_path)
        assert bad.returncode == 1 and message in bad.stderr and len(bad.stderr.strip().splitlines()) == 1, bad.stderr
        assert not (tmp_path / "bad").exists()
