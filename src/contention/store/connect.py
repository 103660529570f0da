"""Open a database from a URL: SQLAlchemy engine, SQLite pragmas, errors as StoreError."""
from __future__ import annotations

import re
import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

DEFAULT_URL = "sqlite:///contention.db"
#: Seconds a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_SECONDS = 30
#: Seconds to wait for a PostgreSQL server to answer before reporting it unreachable.
PG_CONNECT_TIMEOUT = 5
#: SQLite page cache per connection (KiB): big batches update nine events indexes at random places.
SQLITE_CACHE_KIB = 65536

try:  # psycopg is the optional "postgres" extra
    import psycopg as _psycopg

    _PG_ERRORS: tuple[type[BaseException], ...] = (_psycopg.Error,)
except ImportError:  # pragma: no cover - exercised only without the extra
    _PG_ERRORS = ()

#: What the drivers raise when they are used directly (executemany, COPY) rather than through SQLAlchemy.
DRIVER_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, *_PG_ERRORS)
_PASSWORD = re.compile(r"(//[^/:@]*):[^@/]*@")


def redact(url: str) -> str:
    """``url`` with any password removed (``postgresql://u:pw@h/db`` -> ``postgresql://u@h/db``)."""
    return _PASSWORD.sub(r"\1@", url)


def driver_url(url: str) -> URL:
    """The SQLAlchemy URL for ``url``: ``postgresql://`` uses psycopg 3; only SQLite and PostgreSQL are accepted."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"cannot reach database {redact(url)}: not a database URL") from exc
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+pysqlite")
    raise StoreError(f"cannot reach database {redact(url)}: unsupported scheme {parsed.drivername!r}",
                     hint="use sqlite:///path or postgresql://user@host/db")


def make_engine(url: URL, shown: str) -> Engine:
    """A pooled engine for ``url``; SQLite connections get WAL, foreign keys and explicit BEGINs."""
    try:
        if url.get_backend_name() == "postgresql":
            return create_engine(url, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT})
        memory = url.database in (None, "", ":memory:")
        engine = create_engine(url, poolclass=StaticPool if memory else None,
                               connect_args={"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False})
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot reach database {shown}: driver missing: {exc}",
                         hint="pip install 'contention[postgres]'") from exc
    _sqlite_transactions(engine)
    return engine


def _sqlite_transactions(engine: Engine) -> None:
    # pysqlite's own transaction handling starts transactions late and not for DDL; take it
    # over so that every write (migrations included) is one BEGIN ... COMMIT. Writers ask
    # for BEGIN IMMEDIATE so that two writers queue on the lock instead of deadlocking.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys = ON")
        dbapi_conn.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
        if dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
            dbapi_conn.execute("PRAGMA synchronous = NORMAL")
        dbapi_conn.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.pop("write", False) else "BEGIN")


def reason(exc: BaseException) -> str:
    """The driver's own message for ``exc``, on one line, without SQLAlchemy's boilerplate."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    first = text[0] if text else type(orig).__name__
    return " ".join(first.split())


def check_reachable(engine: Engine, shown: str) -> None:
    """Connect once; an unreachable server or unopenable file becomes a one-line StoreError."""
    try:
        with engine.connect():
            pass
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise StoreError(f"cannot reach database {shown}: {reason(exc)}") from exc
