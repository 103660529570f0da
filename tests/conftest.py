"""Fixtures shared by every test module.

``pg_url``: a real PostgreSQL server started for the test session from the installed binaries
(``pg_bin_dir``: $CONTENTION_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin of the Debian
packages, else ``initdb`` on the PATH), initdb'd as the ``postgres`` user into a temporary folder,
listening on 127.0.0.1 on a free port, socket in the same folder, stopped at the end of the session.
A test that needs it FAILS, with the reason, when the server cannot be found or started: it is never
skipped (``make test`` installs the Debian package when it is missing).
"""
from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_USER = "postgres"
#: Where the Debian packages put each major version's server binaries.
DEBIAN_PG_ROOT = Path("/usr/lib/postgresql")


#: Test folders that check the rule mechanisms one by one (packs, dates, places, merging): they run on the
#: rules alone, so that a sentence we wrote to test one rule tests that rule. Every other test runs as users
#: run, with the shipped recogniser on (tests/recognise checks the recogniser itself).
RULES_ONLY_DIRS = ("extract", "resolve", "link")


@pytest.fixture(autouse=True)
def _recogniser_mode(request: pytest.FixtureRequest) -> Iterator[None]:
    from contention.recognise import stage

    parts = Path(str(request.node.fspath)).relative_to(Path(__file__).parent).parts
    before = stage.MODE
    stage.set_mode("off" if parts[0] in RULES_ONLY_DIRS else before)
    try:
        yield
    finally:
        stage.set_mode(before)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(*args: str) -> list[str]:
    """Run a command as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *args]
    return list(args)


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.name)) or (0,)


def pg_bin_dir(env: dict[str, str] | None = None, debian_root: Path = DEBIAN_PG_ROOT) -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: $CONTENTION_PG_BIN, else the newest Debian version, else the PATH."""
    env = dict(os.environ) if env is None else env
    if env.get("CONTENTION_PG_BIN"):
        return Path(env["CONTENTION_PG_BIN"])
    if debian_root.is_dir():
        versions = sorted((d for d in debian_root.iterdir() if (d / "bin" / "initdb").exists()), key=_version_key)
        if versions:
            return versions[-1] / "bin"
    found = shutil.which("initdb", path=env.get("PATH"))
    return Path(found).resolve().parent if found else None


def _pg_missing(bin_dir: Path | None) -> str | None:
    if bin_dir is None or not (bin_dir / "initdb").exists():
        where = bin_dir or f"{DEBIAN_PG_ROOT}/*/bin or the PATH"
        return (f"PostgreSQL server binaries (initdb, pg_ctl) not found in {where}; "
                "`make test` installs them (apt-get install postgresql), or set CONTENTION_PG_BIN")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(PG_USER)
        except KeyError:
            return f"no {PG_USER!r} user to run initdb as (the Debian postgresql package creates it)"
    return None


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a fresh database on a throwaway PostgreSQL server (``postgresql://postgres@127.0.0.1:<port>/contention``)."""
    bin_dir = pg_bin_dir()
    reason = _pg_missing(bin_dir)
    if reason:
        pytest.fail(f"cannot start PostgreSQL for the tests: {reason}", pytrace=False)
    assert bin_dir is not None
    root = Path(tempfile.mkdtemp(prefix="contention-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user=PG_USER)
    data, port = root / "data", _free_port()
    run = lambda *a: subprocess.run(_as_postgres(*a), check=True, capture_output=True, text=True)
    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start")
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", PG_USER, "contention")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL from {bin_dir}: {exc.stderr.strip()}", pytrace=False)
    try:
        yield f"postgresql://{PG_USER}@127.0.0.1:{port}/contention"
    finally:
        subprocess.run(_as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"), check=False,
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_admin_url(pg_url: str) -> str:
    """The maintenance database of the same server, for tests that create their own databases."""
    return pg_url.rsplit("/", 1)[0] + "/postgres"
