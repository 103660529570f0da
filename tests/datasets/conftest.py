"""Paths to the shared datasets (read in place, never copied) and our own fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared_path import SHARED as _SHARED_ROOT

SHARED = _SHARED_ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data file {path} is not on this machine")
    return path


@pytest.fixture
def mm_kazakhstan() -> Path:
    return _need(SHARED / "mass-mobilization" / "mm_kazakhstan.csv")


@pytest.fixture
def mm_full() -> Path:
    return _need(SHARED / "mass-mobilization" / "mmALL_073120_full.csv.gz")


@pytest.fixture
def mm_postsoviet() -> Path:
    return _need(SHARED / "mass-mobilization" / "mm_postsoviet.csv.gz")


@pytest.fixture
def gdelt_sample() -> Path:
    return _need(SHARED / "gdelt" / "gdelt1_events_sample.tsv")


@pytest.fixture
def ccc_phase3() -> Path:
    return _need(SHARED / "crowd-counting-consortium" / "ccc-phase3-public_2025-01-01_2025-03-31.csv.gz")


@pytest.fixture
def keepiton_dir() -> Path:
    return _need(SHARED / "access-now-keepiton")


@pytest.fixture
def acled_fixture() -> Path:
    """ACLED-layout rows we wrote ourselves (fictional events; ACLED data may not be bundled)."""
    return FIXTURES / "acled_own_rows.csv"
