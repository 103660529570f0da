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
