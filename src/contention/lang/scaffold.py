"""Scaffold a new language pack from ``lang/_template`` (``contention lang new CODE``)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..errors import ConfigError
from ..extract.lexicon import LANG_DIR, available_packs, pack_dir, user_lang_dir

_CODE = re.compile(r"^[a-z]{2,3}$")


def new_pack(code: str, *, name: str | None = None, root: Path | None = None) -> Path:
    """Create ``<root>/<code>/`` with empty data files to fill in; refuses to overwrite or hide a pack.

    root: the user's pack folder (``user_lang_dir()``, never the installed package) unless given.
    """
    if not _CODE.match(code):
        raise ConfigError(f"language code {code!r} is not an ISO 639-1/3 code (two or three lower-case letters)")
    root = user_lang_dir() if root is None else root
    target = root / code
    if target.exists():
        raise ConfigError("a language pack already exists there", where=str(target))
    if root == user_lang_dir() and code in available_packs():
        raise ConfigError(f"a language pack {code!r} is installed already", where=str(pack_dir(code)),
                          hint=f"to change it, copy that folder to {target} and edit the copy")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(LANG_DIR / "_template", target)
    for f in target.iterdir():
        text = f.read_text(encoding="utf-8")
        f.write_text(text.replace("{code}", code).replace("{name}", name or code), encoding="utf-8")
    return target
