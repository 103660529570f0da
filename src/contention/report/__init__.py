"""report stage: the offline, self-contained HTML report of a coded event database."""
from __future__ import annotations

from .offline import build_report, render_report

__all__ = ["build_report", "render_report"]
