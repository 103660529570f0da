"""A folder the run cannot list is named in an error, never skipped without a word.

The permission is real: the folder is made unreadable (mode 000). Root reads it anyway, so when the
tests run as root the walk runs in a forked child that has given up root for ``nobody``."""
from __future__ import annotations

import json
import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from contention.errors import InputError
from contention.ingest.readers import input_files


@pytest.fixture
def tree() -> Iterator[Path]:
    """reports/a.txt, reports/locked/b.txt (locked: mode 000), reports/open/c.txt, in a folder others may read."""
    root = Path(tempfile.mkdtemp(prefix="contention-folders-"))
    try:
        for rel in ("a.txt", "locked/b.txt", "open/c.txt"):
            path = root / "reports" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("Workers in Aktau went on strike.\n", encoding="utf-8")
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (root / "reports" / "locked").chmod(0o000)
        yield root / "reports"
    finally:
        (root / "reports" / "locked").chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def _walk(folder: Path) -> dict[str, list[str]]:
    """input_files over ``folder``, with on_error and without; as an unprivileged user when we are root."""
    def walk() -> dict[str, list[str]]:
        errors: list[str] = []
        found = [str(p.relative_to(folder)) for p in input_files([folder], on_error=lambda e: errors.append(e.one_line()))]
        try:
            input_files([folder])
            raised = []
        except InputError as exc:
            raised = [exc.one_line()]
        return {"found": found, "errors": errors, "raised": raised}

    if os.geteuid() != 0:
        return walk()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, walk, report, leave at once
        try:
            os.close(read)
            nobody = pwd.getpwnam("nobody")
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            os.write(write, json.dumps(walk()).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data)  # type: ignore[no-any-return]


def test_an_unreadable_folder_is_named_and_the_rest_is_read(tree: Path) -> None:
    got = _walk(tree)
    assert got["found"] == ["a.txt", "open/c.txt"]
    want = f"{tree / 'locked'}: cannot read folder: Permission denied"
    assert got["errors"] == [want]
    assert got["raised"] == [want]
