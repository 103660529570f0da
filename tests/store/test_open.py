"""open_store: URLs, defaults, and one-line errors that never show a password."""
from __future__ import annotations

import pytest

import contention.store as store_pkg
from contention.errors import StoreError
from contention.store import Store, open_store


@pytest.mark.parametrize("name", ["Store", "open_store"])
def test_store_exports_are_all(name: str) -> None:
    assert sorted(store_pkg.__all__) == ["Store", "open_store"]
    assert getattr(store_pkg, name) is not None


@pytest.mark.parametrize("url", [None])
def test_store_default_is_sqlite_file_in_working_dir(url, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store(url) as store:
        assert store.dialect == "sqlite"
        assert store.url == "sqlite:///contention.db"
    assert (tmp_path / "contention.db").exists()


def test_store_opens_both_dialects(store: Store, store_url: str) -> None:
    assert store.dialect == ("postgresql" if store_url.startswith("postgresql") else "sqlite")
    assert store.runs() == [] and store.count_events() == 0


@pytest.mark.parametrize(
    ("url", "shown", "why"),
    [
        ("postgresql://ann:s3cret@127.0.0.1:1/nowhere", "postgresql://ann@127.0.0.1:1/nowhere", "refused"),
        ("sqlite:////no/such/folder/x.db", "sqlite:////no/such/folder/x.db", "unable to open"),
        ("mysql://ann:s3cret@localhost/db", "mysql://ann@localhost/db", "unsupported scheme"),
        ("not a url at all", "not a url at all", "not a database URL"),
    ],
)
def test_store_unreachable_is_one_line_store_error(url: str, shown: str, why: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith(f"cannot reach database {shown}: ")
    assert why in message
    assert "s3cret" not in message and "\n" not in message


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_store_postgres_url_forms_use_psycopg(scheme: str, pg_url: str) -> None:
    url = pg_url.replace("postgresql", scheme, 1)
    with open_store(url) as store:
        assert store.dialect == "postgresql"


def _cli(*args: str, cwd) -> "subprocess.CompletedProcess[str]":  # type: ignore[name-defined]
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "contention", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("command", [["events"], ["runs"], ["learn"], ["report"], ["gold", "export", "-o", "g.jsonl"]])
def test_read_command_on_a_mistyped_path_creates_nothing(command: list[str], tmp_path) -> None:
    proc = _cli(*command, "--db", "sqlite:///typo.db", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error: no database at typo.db (check --db; `contention run` or `contention import` creates one)"]
    assert not (tmp_path / "typo.db").exists()


def test_read_command_on_an_empty_database_says_so(store_url: str, tmp_path) -> None:
    if store_url.startswith("sqlite"):
        (tmp_path / "store.db").touch()  # an empty file where the store should be
    with pytest.raises(StoreError, match="holds no contention store yet"):
        open_store(store_url, create=False)


def _foreign(store_url: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"))
        conn.execute(sqlalchemy.text("INSERT INTO customers VALUES (1, 'Ann')"))
    engine.dispose()


def _tables(store_url: str) -> list[str]:
    import sqlalchemy

    engine = sqlalchemy.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    tables = sorted(sqlalchemy.inspect(engine).get_table_names())
    engine.dispose()
    return tables


def test_another_applications_database_is_refused_untouched(store_url: str, tmp_path) -> None:
    _foreign(store_url)
    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            open_store(store_url, create=create)
        assert "is another application's database (tables customers), not a contention store" in str(caught.value)
    proc = _cli("run", str(tmp_path), "--db", store_url, "-q", "--no-report", cwd=tmp_path)
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1
    assert _tables(store_url) == ["customers"]
