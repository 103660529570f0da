"""store stage: the only package that speaks SQL.

``open_store(url)`` opens (creating or upgrading) a SQLite or PostgreSQL database and returns
a ``Store`` that keeps documents, events with all their evidence, episodes and runs.
"""
from __future__ import annotations

from .store import Store, open_store

__all__ = ["Store", "open_store"]
