"""Scaffold a new language pack from ``lang/_template`` (``contention lang new CODE``)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..errors import ConfigError
from ..extract.lexicon import LANG_DIR

_CODE = re.compile(r"^[a-z]{2,3}$")


def new_pack(code: str, *, name: str | None = None, root: Path = LANG_DIR) -> Path:
    """Create ``lang/<code>/`` with empty data files to fill in; refuses to overwrite a pack."""
    if not _CODE.match(code):
        raise ConfigError(f"language code {code!r} is not an ISO 639-1/3 code (two or three lower-case letters)")
    target = root / code
    if target.exists():
        raise ConfigError("a language pack already exists there", where=str(target))
    shutil.copytree(LANG_DIR / "_template", target)
    for f in target.iterdir():
        text = f.read_text(encoding="utf-8")
        f.write_text(text.replace("{code}", code).replace("{name}", name or code), encoding="utf-8")
    return target
