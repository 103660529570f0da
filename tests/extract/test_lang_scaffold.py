from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from contention.errors import ConfigError
from contention.lang.scaffold import new_pack


def test_lang_new_pack_creates_loadable_files(tmp_path: Path) -> None:
    target = new_pack("tr", name="Turkish", root=tmp_path)
    assert (target / "triggers.toml").exists() and (target / "examples.jsonl").exists()
    meta = tomllib.loads((target / "pack.toml").read_text(encoding="utf-8"))
    assert meta["pack"]["code"] == "tr" and meta["pack"]["name"] == "Turkish"
    for f in target.glob("*.toml"):
        tomllib.loads(f.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", ["english", "E1", ""])
def test_lang_new_pack_refuses_bad_codes(tmp_path: Path, code: str) -> None:
    with pytest.raises(ConfigError):
        new_pack(code, root=tmp_path)


def test_lang_new_pack_never_overwrites(tmp_path: Path) -> None:
    new_pack("tr", root=tmp_path)
    with pytest.raises(ConfigError, match="already exists"):
        new_pack("tr", root=tmp_path)


def _lang(*args: str, folder: Path) -> "subprocess.CompletedProcess[str]":  # type: ignore[name-defined]
    import os
    import subprocess
    import sys

    env = {**os.environ, "CONTENTION_LANG_DIR": str(folder)}
    return subprocess.run([sys.executable, "-m", "contention", "lang", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_lang_new_writes_to_the_users_folder_never_the_package(tmp_path: Path) -> None:
    from contention.extract.lexicon import LANG_DIR

    installed = sorted(p.name for p in LANG_DIR.iterdir())
    made = _lang("new", "tg", "--name", "Tajik", folder=tmp_path / "packs")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "packs" / "tg" / "pack.toml").exists()
    assert sorted(p.name for p in LANG_DIR.iterdir()) == installed  # nothing written into the installed package
    listed = _lang("list", folder=tmp_path / "packs")
    assert listed.returncode == 0 and any(line.startswith("tg   Tajik") for line in listed.stdout.splitlines())
    checked = _lang("check", "tg", folder=tmp_path / "packs")
    assert checked.returncode == 0 and "tg: 0 triggers, 0 examples, 0 failing" in checked.stdout
    again = _lang("new", "en", folder=tmp_path / "packs")
    assert again.returncode == 1 and "a language pack 'en' is installed already" in again.stderr
