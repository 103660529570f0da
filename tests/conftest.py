"""Fixtures shared by every test module.

``pg_url``: a real PostgreSQL 15 server started for the test session from the Debian binaries
(initdb as the ``postgres`` user into a temporary folder, listening on 127.0.0.1 on a free port,
socket in the same folder), stopped at the end of the session. Tests that use it are skipped with
the reason when the binaries or the ``postgres`` user are missing.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("CONTENTION_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "postgres"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(*args: str) -> list[str]:
    """Run a command as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *args]
    return list(args)


def _pg_missing() -> str | None:
    if not (PG_BIN / "initdb").exists():
        return f"PostgreSQL binaries not found in {PG_BIN}"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(PG_USER)
        except KeyError:
            return f"no {PG_USER!r} user to run initdb as"
    return None


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a fresh database on a throwaway PostgreSQL server (``postgresql://postgres@127.0.0.1:<port>/contention``)."""
    reason = _pg_missing()
    if reason:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="contention-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user=PG_USER)
    data, port = root / "data", _free_port()
    run = lambda *a: subprocess.run(_as_postgres(*a), check=True, capture_output=True, text=True)
    try:
        run(str(PG_BIN / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
        run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start")
        run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", PG_USER, "contention")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {exc.stderr.strip()}")
    try:
        yield f"postgresql://{PG_USER}@127.0.0.1:{port}/contention"
    finally:
        subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"), check=False,
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_admin_url(pg_url: str) -> str:
    """The maintenance database of the same server, for tests that create their own databases."""
    return pg_url.rsplit("/", 1)[0] + "/postgres"
