"""Fresh PostgreSQL databases on the session's test server (see ``pg_admin_url`` in tests/conftest.py)."""
from __future__ import annotations

import itertools

_numbers = itertools.count(1)


def fresh_pg_database(pg_admin_url: str, prefix: str = "test") -> str:
    """Create an empty database ``<prefix>_<n>`` on the test server; returns its URL."""
    import psycopg

    name = f"{prefix}_{next(_numbers)}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return pg_admin_url.rsplit("/", 1)[0] + "/" + name
