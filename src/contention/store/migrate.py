"""Numbered SQL migrations: ``migrations/NNNN_name[.dialect].sql``, applied in order, recorded in schema_version.

A dialect-specific file (``0002_search.sqlite.sql``) wins over a common one
(``0002_search.sql``) of the same number. Each migration runs in its own transaction with
its schema_version row, so a failed upgrade leaves the database at the last good version.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from .connect import DRIVER_ERRORS, reason

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+?)(?:\.(sqlite|postgresql))?\.sql$")
#: Any constant: PostgreSQL sessions that open the same database queue on this advisory lock.
_PG_LOCK = 7_334_101


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(dialect: str) -> list[Migration]:
    """The migrations for ``dialect`` in version order; numbering must have no gaps."""
    found: dict[int, tuple[bool, str, str]] = {}
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if not match or match.group(3) not in (None, dialect):
            continue
        version, specific = int(match.group(1)), match.group(3) is not None
        if version not in found or specific:
            found[version] = (specific, match.group(2), entry.read_text(encoding="utf-8"))
    out = [Migration(v, name, sql) for v, (_, name, sql) in sorted(found.items())]
    if [m.version for m in out] != list(range(1, len(out) + 1)):
        raise StoreError(f"migrations for {dialect} are not numbered 1..n: {[m.version for m in out]}")
    return out


def current_version(conn: Connection) -> int:
    """The schema version of the database on ``conn`` (0 for an empty database)."""
    row = conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar()
    return int(row or 0)


def upgrade(engine: Engine, *, target: int | None = None, create: bool = True, shown: str | None = None) -> int:
    """Apply every migration above the database's version (up to ``target``); returns the new version.

    A database without our schema_version is made a contention store only when ``create`` is true
    and it holds no tables at all: another application's database is refused, never added to.
    """
    dialect = engine.dialect.name
    _check_ours(engine, create, shown or engine.url.render_as_string(hide_password=True))
    todo = migrations(dialect)
    latest = todo[-1].version if target is None else target
    version = 0
    for migration in todo:
        if migration.version > latest:
            break
        version = _apply(engine, migration, dialect)
    with engine.connect() as conn:
        version = current_version(conn)
    if version > todo[-1].version:
        raise StoreError(f"database schema v{version} is newer than this contention (v{todo[-1].version})",
                         hint="upgrade contention")
    return version


def _tables(conn: Connection) -> list[str]:
    if conn.dialect.name == "postgresql":
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    return [r[0] for r in conn.execute(text(sql))]


def _check_ours(engine: Engine, create: bool, shown: str) -> None:
    """Refuse a database that is not a contention store (and, unless ``create``, an empty one)."""
    try:
        with engine.connect() as conn:
            tables = _tables(conn)
    except (SQLAlchemyError, *DRIVER_ERRORS) as exc:
        raise StoreError(f"cannot read database {shown}: {reason(exc)}") from exc
    if "schema_version" in tables:
        return
    if tables:
        listed = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
        raise StoreError(f"{shown} is another application's database (tables {listed}), not a contention store",
                         hint="give --db a new file or an empty database; contention adds no tables to it")
    if not create:
        raise StoreError(f"{shown} holds no contention store yet",
                         hint="check --db; `contention run` or `contention import` creates one")


def _apply(engine: Engine, migration: Migration, dialect: str) -> int:
    try:
        with engine.connect() as conn:
            conn.info["write"] = True
            with conn.begin():
                if dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
                conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version "
                                  "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"))
                have = current_version(conn)
                if have >= migration.version:
                    return have
                cursor = conn.connection.cursor()  # the driver's own: no parameter parsing of '%'
                for statement in _statements(migration.sql, dialect):
                    cursor.execute(statement)
                conn.execute(text("INSERT INTO schema_version (version, name, applied) VALUES (:v, :n, :t)"),
                             {"v": migration.version, "n": migration.name,
                              "t": datetime.now(UTC).isoformat(timespec="seconds")})
                return migration.version
    except (SQLAlchemyError, *DRIVER_ERRORS) as exc:
        raise StoreError(f"migration {migration.version:04d}_{migration.name} failed: {reason(exc)}") from exc


def _statements(sql: str, dialect: str) -> list[str]:
    """Split a migration into statements; SQLite triggers hold ';' inside BEGIN ... END."""
    if dialect != "sqlite":
        return [sql]  # psycopg runs a parameterless multi-statement string as one call
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise StoreError(f"unterminated statement in migration: {buf.strip()[:60]}")
    return out
