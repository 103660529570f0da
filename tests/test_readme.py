"""The README's commands and snippets, run as written, in the order written, in a fresh working folder.

The folder holds what a clone has (``examples/``, links to the repository's) and ``.venv`` (a link to
the environment running the tests, which ``make`` builds from the clone). Every line of the ``sh``
blocks runs in bash with ``C`` set as the README sets it; the Python block runs with the same Python;
``serve`` runs until its page answers, then stops. The two ``make`` lines are checked with
``make -n`` (running ``make test`` from a test would run the tests inside the tests), and so is what
they run: ``make example`` runs ``contention run examples``, which is run here for real. Every path
the README names exists in the repository.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == kind]


def sh_lines() -> list[str]:
    """Every command of the sh blocks, without its trailing comment."""
    out = []
    for body in blocks("sh"):
        for line in body.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command and not command.startswith("#"):
                out.append(command)
    return out


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    (folder / "examples").symlink_to(REPO / "examples")
    (folder / ".venv").symlink_to(Path(sys.prefix))
    (folder / "Makefile").symlink_to(REPO / "Makefile")
    (folder / "pyproject.toml").symlink_to(REPO / "pyproject.toml")
    return folder


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env["CONTENTION_LANG_DIR"] = str(work / "my-packs")  # `lang new` writes here, as a user's folder
    env.pop("CONTENTION_SECURE_COOKIES", None)
    return env


def _bash(command: str, work: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", f"set -e; C=.venv/bin/contention; {command}"], cwd=work, env=_env(work),
                          capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]


def _serve(command: str, work: Path, stdin: str = "") -> str:
    """Run a command that ends in ``serve``; RETURNS the events page it served."""
    proc = subprocess.Popen(["bash", "-c", f"C=.venv/bin/contention; {command}"], cwd=work, env=_env(work),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"{command!r} ended: {proc.stderr.read() if proc.stderr else ''}")
            try:
                reply = httpx.get("http://127.0.0.1:8000/events?q=Zhanaozen", timeout=2)
                if reply.status_code == 200:
                    return reply.text
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        pytest.fail(f"{command!r} did not answer on http://127.0.0.1:8000/")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    raise AssertionError("unreachable")


def test_every_path_the_readme_names_exists() -> None:
    named = set(re.findall(r"\]\(([^)#]+)\)", README))  # Markdown links
    named |= {p for p in re.findall(r"(?<![\w/.])((?:docs|examples|src|benchmarks)/[\w./<>-]+)", README)
              if "<" not in p}
    missing = sorted(p for p in named if not p.startswith("http") and not (REPO / p.rstrip(".,")).exists())
    assert not missing, missing
    assert "shared/" not in README, "the README points at files a user of a clone does not have"


def test_no_command_is_listed_twice() -> None:
    verbs = [line.split()[1] + (" " + line.split()[2] if line.split()[1] == "lang" else "")
             for line in sh_lines() if line.startswith("$C ") and len(line.split()) > 1]
    assert "runs" in verbs and verbs.count("runs") == 1


def test_make_lines_are_real_targets(work: Path) -> None:
    makes = [line for line in sh_lines() if line.startswith("make ")]
    assert makes == ["make example", "make test"]
    for line in makes:
        dry = subprocess.run([*line.split(), "-n"], cwd=REPO, capture_output=True, text=True, timeout=60)
        assert dry.returncode == 0, dry.stderr
    assert "contention run examples" in subprocess.run(["make", "-n", "example"], cwd=REPO, capture_output=True,
                                                         text=True).stdout


def test_the_readme_runs_as_written(work: Path) -> None:
    lines = [line for line in sh_lines() if not line.startswith(("make ", "C="))]
    assert "C=.venv/bin/contention" in sh_lines()
    for line in lines:
        if line.endswith(" serve"):
            continue  # below, once the commands before it have filled the store
        proc = _bash(line, work)
        assert proc.returncode == 0, f"{line}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, line
    assert (work / "contention.db").exists() and (work / "contention-report" / "index.html").exists()
    assert (work / "det.csv").read_text(encoding="utf-8").count("response.detention") > 3
    assert (work / "coded.jsonl").read_text(encoding="utf-8").count('"doc_id"') == 2
    assert (work / "my-packs" / "tg" / "pack.toml").exists()

    (python,) = blocks("python")
    proc = subprocess.run([str(work / ".venv" / "bin" / "python"), "-c", python], cwd=work, env=_env(work),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith("{") and '"repression"' in proc.stdout

    page = _serve("$C serve", work)
    assert "Zhanaozen" in page

    (dashboard,) = [line for line in sh_lines() if "user add ana" in line]
    page = _serve(dashboard, work, stdin="a long enough password\na long enough password\n")
    assert "Zhanaozen" in page
    for line in ("$C events --reviewed", "$C gold export -o my-gold.jsonl"):  # named in the text below it
        assert line.replace("$C", "contention") in README
        proc = _bash(line, work)
        assert proc.returncode == 0, f"{line}\n{proc.stderr}"
