"""The commands of the README as a new user types them, and the arguments users get wrong: every one
either works or says in one line what is wrong (never a traceback, never a silent empty answer)."""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

import contention

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contention", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with contention.db holding the coded examples."""
    folder = tmp_path_factory.mktemp("cli")
    summary = contention.run([str(REPO / "examples")], db=f"sqlite:///{folder / 'contention.db'}")
    assert summary.ok and summary.new_events > 50
    return folder


def _one_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


def test_events_type_filters_the_listing_and_the_export(work: Path) -> None:
    shown = cli("events", "--type", "response.detention", "--limit", "500", cwd=work)
    assert shown.returncode == 0, shown.stderr
    listed = [ln for ln in shown.stdout.splitlines() if re.match(r"(\d{4}|\?{4})[- ]", ln)]
    assert listed and all("response.detention" in ln for ln in listed)
    out = cli("events", "--type", "response.detention", "-o", "det.csv", cwd=work)
    assert out.returncode == 0, out.stderr
    with (work / "det.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["type"] for r in rows} == {"response.detention"}
    assert f"wrote {len(rows)} events to det.csv" in out.stdout


def test_layouts_are_csv_and_say_so(work: Path) -> None:
    line = _one_error(cli("events", "--layout", "acled", "-o", "x.parquet", cwd=work))
    assert "the acled layout is a CSV file; name it .csv" in line
    assert not (work / "x.parquet").exists()
    ok = cli("events", "--layout", "acled", "-o", "x.csv", cwd=work)
    assert ok.returncode == 0, ok.stderr
    assert (work / "x.csv").read_text(encoding="utf-8").startswith("event_id_cnty,")


@pytest.mark.parametrize("bad", ["2011-02-31", "garbage", "2011-13-01", "16.12.2011"])
def test_learn_landmark_must_be_a_date(work: Path, bad: str) -> None:
    line = _one_error(cli("learn", "--landmark", bad, cwd=work))
    assert f"landmark '{bad}' is not a date" in line


def test_learn_country_by_name_and_a_country_without_events(work: Path) -> None:
    by_name = cli("learn", "--country", "Kazakhstan", "--boot", "50", cwd=work)
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout.startswith("KZ: ")
    line = _one_error(cli("learn", "--country", "Russia", cwd=work))
    assert "no asserted events for country RU" in line


@pytest.mark.parametrize("bad", ["2011-02-31", "2011-13", "yesterday"])
def test_events_date_filter_must_be_a_date(work: Path, bad: str) -> None:
    line = _one_error(cli("events", "--from", bad, cwd=work))
    assert f"date filter '{bad}' is not a date" in line


@pytest.mark.parametrize(("args", "says"), [
    (["--engine", "dask", "--workers", "0"], "--workers"),
    (["--engine", "processes", "--workers", "-2"], "--workers"),
    (["--chunk-size", "0"], "--chunk-size"),
    (["--scheduler", "tcp://127.0.0.1:1"], "a scheduler is for the dask engine"),
])
def test_run_refuses_impossible_engine_settings(work: Path, args: list[str], says: str) -> None:
    before = contention.events(db=f"sqlite:///{work / 'contention.db'}")
    line = _one_error(cli("run", str(REPO / "examples"), *args, "-q", "--no-report", cwd=work))
    assert says in line
    assert len(contention.events(db=f"sqlite:///{work / 'contention.db'}")) == len(before)


def test_filter_names_are_the_same_everywhere(work: Path) -> None:
    db = f"sqlite:///{work / 'contention.db'}"
    python_names = contention.events(db=db, admin1="Mangystau", text="strike", date_from="2011")
    cli_names = contention.events(db=db, region="Mangystau", search="strike", **{"from": "2011"})
    by_country_name = contention.events(db=db, country="Kazakhstan", region="Mangystau")
    assert len(python_names) > 0
    assert sorted(python_names["event_key"]) == sorted(cli_names["event_key"])
    assert set(python_names["event_key"]) <= set(by_country_name["event_key"])
    out = cli("events", "--admin1", "Mangystau", "--text", "strike", "--date-from", "2011", "--limit", "500", cwd=work)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == f"{len(python_names)} of {len(python_names)} events shown"

    from fastapi.testclient import TestClient

    from contention.serve import create_app

    with TestClient(create_app(db)) as client:
        web = [client.get("/api/events", params=p).json()["total"] for p in (
            {"region": "Mangystau", "q": "strike", "from": "2011"},
            {"admin1": "Mangystau", "search": "strike", "date_from": "2011"},
            {"admin1": "Mangystau", "text": "strike", "from": "2011"})]
        twice = client.get("/api/events", params={"region": "Mangystau", "admin1": "Almaty"})
    assert web == [len(python_names)] * 3
    assert twice.status_code == 400 and "given twice" in twice.json()["error"]
