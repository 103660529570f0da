"""Migrations: numbered files per dialect, an old database upgraded on open, a newer one refused."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from contention.errors import StoreError
from contention.link.dedupe import block_key
from contention.store import migrate, open_store
from contention.store.connect import driver_url, make_engine
from contention.store.migrate import current_version, migrations, upgrade
from contention.store.rows import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    EVIDENCE_COLUMNS,
    document_row,
    event_row,
    evidence_rows,
    now,
)


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_migrate_files_numbered_per_dialect(dialect: str) -> None:
    found = migrations(dialect)
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert found[0].name == "initial" and len(found) >= 2


def _write_like_v1(engine, documents, events) -> None:
    """Rows as a v1 contention wrote them: plain inserts, no search index."""
    pg = engine.dialect.name == "postgresql"
    v1 = EVENT_COLUMNS.index("link_block")  # the columns after it came with v5
    with engine.begin() as conn:
        cursor = conn.connection.cursor()
        mark = "%s" if pg else "?"
        for table, columns, rows in (
            ("documents", DOCUMENT_COLUMNS, [document_row(d, None) for d in documents]),
            ("events", EVENT_COLUMNS[:v1], [event_row(e, e.key, None, now(), pg=pg)[:v1] for e in events]),
            ("evidence", EVIDENCE_COLUMNS, [r for e in events for r in evidence_rows(e, e.key, pg=pg)]),
        ):
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})",
                               rows)


def test_migrate_v1_database_upgrades_on_open(store_url: str, documents, events) -> None:
    engine = make_engine(driver_url(store_url), store_url)
    assert upgrade(engine, target=1) == 1
    _write_like_v1(engine, documents, events)
    engine.dispose()
    with open_store(store_url) as store:
        with store._engine.connect() as conn:
            assert current_version(conn) == len(migrations(store.dialect))
            applied = [r[0] for r in conn.execute(text("SELECT version FROM schema_version ORDER BY version"))]
        assert applied == list(range(1, len(migrations(store.dialect)) + 1))
        assert {h["doc_id"] for h in store.search("полиция")} == {"ru-1"}
        assert store.count_events(text="depot") == 1
        assert {e.key: e for e in store.events()} == {e.key: e for e in events}
        assert store.put_documents(documents) == 0 and store.put_events(events) == 0
        with store._engine.connect() as conn:  # v5 filled the link block of the old rows as the code computes it
            blocks = dict(conn.execute(text("SELECT event_key, link_block FROM events")).all())
        assert blocks == {e.key: block_key(e) for e in events}


def test_migrate_newer_database_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    engine = make_engine(driver_url(store_url), store_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_version (version, name, applied) VALUES (99, 'future', 'x')"))
    engine.dispose()
    with pytest.raises(StoreError, match="v99 is newer"):
        open_store(store_url)


@pytest.mark.parametrize("times", [3])
def test_migrate_reopen_is_noop(store_url: str, times: int) -> None:
    for _ in range(times):
        open_store(store_url).close()
    engine = make_engine(driver_url(store_url), store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM schema_version")).scalar() == len(migrations(engine.dialect.name))
    engine.dispose()


@pytest.mark.parametrize("bad_sql", ["CREATE TABLE runs (x INTEGER);"])
def test_migrate_failed_step_keeps_last_good_version(store_url: str, documents, monkeypatch, bad_sql: str) -> None:
    with open_store(store_url) as store:
        store.put_documents(documents)
        good = len(migrations(store.dialect))
    real = migrate.migrations
    monkeypatch.setattr(migrate, "migrations", lambda d: [*real(d), migrate.Migration(good + 1, "broken", bad_sql)])
    with pytest.raises(StoreError, match=f"migration {good + 1:04d}_broken failed"):
        open_store(store_url)
    monkeypatch.setattr(migrate, "migrations", real)
    with open_store(store_url) as store:
        assert len(store.documents()) == len(documents)
        with store._engine.connect() as conn:
            assert current_version(conn) == good
