"""Where the shared data lives: $CONTENTION_SHARED, else ``shared/`` beside the repository (as in CI),
else /work/shared (the developers' machines). Tests read real data there in place, never copy it."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    for cand in (os.environ.get("CONTENTION_SHARED"), REPO.parent / "shared", "/work/shared"):
        if cand and (Path(cand) / "data").exists():
            return Path(cand)
    return REPO.parent / "shared"


SHARED = shared_dir()
