"""What `make test` and the test set-up promise: PostgreSQL found on any Debian release, installed when
missing, and a test that needs a server fails loudly when it cannot be started (never skips)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import pg_bin_dir

REPO = Path(__file__).resolve().parents[1]


def _fake_initdb(root: Path, version: str) -> Path:
    bin_dir = root / version / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "initdb").write_text("#!/bin/sh\n", encoding="utf-8")
    (bin_dir / "initdb").chmod(0o755)
    return bin_dir


def test_pg_bin_dir_takes_the_newest_debian_version(tmp_path: Path) -> None:
    for version in ("9.6", "13", "15", "17"):
        _fake_initdb(tmp_path, version)
    (tmp_path / "18").mkdir()  # a version folder without a server (only the client) is not a candidate
    assert pg_bin_dir({"PATH": ""}, debian_root=tmp_path) == tmp_path / "17" / "bin"


def test_pg_bin_dir_honours_the_variable_then_falls_back_to_the_path(tmp_path: Path) -> None:
    assert pg_bin_dir({"CONTENTION_PG_BIN": "/opt/pg/bin", "PATH": ""}, debian_root=tmp_path) == Path("/opt/pg/bin")
    on_path = _fake_initdb(tmp_path / "elsewhere", "x")
    assert pg_bin_dir({"PATH": str(on_path)}, debian_root=tmp_path / "none") == on_path
    assert pg_bin_dir({"PATH": ""}, debian_root=tmp_path / "none") is None


def _make(target: str, tmp_path: Path, pg_root: Path) -> str:
    """Run a Makefile rule with a stand-in apt-get that logs what it was asked; RETURNS the log."""
    log, apt = tmp_path / "apt.log", tmp_path / "apt-get"
    apt.write_text(f'#!/bin/sh\necho "apt-get $*" >> {log}\n', encoding="utf-8")
    apt.chmod(0o755)
    env = {**os.environ, "PATH": "/usr/bin:/bin"}  # no initdb there: Debian keeps it in /usr/lib/postgresql
    subprocess.run(["make", "-s", "-C", str(REPO), target, f"PG_ROOT={pg_root}", f"APT_GET={apt}"],
                   env=env, capture_output=True, text=True, check=True)
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_make_installs_postgresql_when_no_server_is_installed(tmp_path: Path) -> None:
    assert _make("postgres", tmp_path, tmp_path / "empty").splitlines() == ["apt-get update -qq",
                                                                           "apt-get install -y -qq postgresql"]


def test_make_leaves_an_installed_postgresql_alone(tmp_path: Path) -> None:
    _fake_initdb(tmp_path, "16")
    assert _make("postgres", tmp_path, tmp_path) == ""


@pytest.mark.postgres
def test_pg_server_answers(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_a_test_needing_postgresql_fails_loudly_when_it_cannot_start(tmp_path: Path) -> None:
    env = {**os.environ, "CONTENTION_PG_BIN": str(tmp_path / "no-such-bin")}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA",
                          "tests/test_ci.py::test_pg_server_answers"], cwd=REPO, env=env, capture_output=True, text=True)
    assert out.returncode != 0, out.stdout
    assert "cannot start PostgreSQL for the tests" in out.stdout
    assert "skipped" not in out.stdout.splitlines()[-1]
