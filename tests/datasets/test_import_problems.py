"""Dataset files as users have them: saved by Excel with a byte-order mark, cut off in a download, named
.gz without being gzip, or published twice (KeepItOn 2020 in two layouts). Real files, real databases."""
from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from contention.datasets.load import import_dataset
from contention.errors import InputError
from contention.store import open_store
from tests.pg import fresh_pg_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'c.db'}"
    return fresh_pg_database(request.getfixturevalue("pg_admin_url"), "imports")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contention", *args], capture_output=True, text=True, timeout=300)


def _counts(url: str) -> tuple[int, int]:
    with open_store(url) as store:
        return len(store.documents()), store.count_events()


def test_csv_with_a_byte_order_mark_imports_like_without(mm_kazakhstan: Path, tmp_path: Path, url: str) -> None:
    bom = tmp_path / "mm_excel.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + mm_kazakhstan.read_bytes())  # what Excel's "CSV UTF-8" writes
    with open_store(url) as store:
        got = import_dataset("mm", str(bom), store=store)
    assert got.stats is not None and got.stats.skipped == 0 and got.new_events > 0
    plain_url = f"sqlite:///{tmp_path / 'plain.db'}"
    with open_store(plain_url) as plain:
        want = import_dataset("mm", str(mm_kazakhstan), store=plain)
    assert (got.new_documents, got.new_events) == (want.new_documents, want.new_events)


def test_truncated_gzip_is_refused_whole_naming_the_file(mm_postsoviet: Path, tmp_path: Path, url: str) -> None:
    with open_store(url) as store:
        import_dataset("mm", str(mm_postsoviet), store=store, country="KZ")
    before = _counts(url)
    cut = tmp_path / "mm_cut.csv.gz"
    cut.write_bytes(mm_postsoviet.read_bytes()[: mm_postsoviet.stat().st_size // 2])
    proc = _cli("import", "mm", str(cut), "--db", url, "-q")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"error: {cut}: the gzip file ends in the middle (truncated?)"]
    assert _counts(url) == before
    with open_store(url) as store:
        with pytest.raises(InputError, match="ends in the middle"):
            import_dataset("mm", str(cut), store=store)
    assert _counts(url) == before


def test_a_gz_that_is_not_gzip_names_the_file(tmp_path: Path, url: str) -> None:
    fake = tmp_path / "data.csv.gz"
    fake.write_text("country,year\nKazakhstan,2011\n", encoding="utf-8")
    proc = _cli("import", "mm", str(fake), "--db", url, "-q")
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"error: {fake}: not a readable gzip file")
    assert _counts(url) == (0, 0)


def test_keepiton_2020_in_both_layouts_is_stored_once(keepiton_dir: Path, url: str) -> None:
    sheet, stop = keepiton_dir / "kio_2020.csv", keepiton_dir / "KeepItOn-STOP-Data-2020.csv"
    with open_store(url) as store:
        first = import_dataset("keepiton", str(sheet), store=store)
        second = import_dataset("keepiton", str(stop), store=store)
        again = import_dataset("keepiton", str(stop), store=store)
        frame = store.events_frame(origin="imported:keepiton")
    assert first.new_events > 0 and second.duplicates > 0
    assert frame["source_id"].is_unique, frame["source_id"][frame["source_id"].duplicated()].tolist()
    assert len(frame) == first.new_events + second.new_events
    assert (again.new_events, again.new_documents) == (0, 0)
    assert any("was imported before from another file" in w and f"{stop}:" in w for w in second.warnings)


def test_truncated_gzip_of_reports_is_refused_whole(tmp_path: Path, url: str) -> None:
    rows = "".join(f'{{"doc_id": "r{i}", "text": "Workers in Aktau went on strike on {1 + i % 28} May 2011."}}\n'
                   for i in range(400))
    whole = gzip.compress(rows.encode("utf-8"))
    cut = tmp_path / "reports.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    proc = _cli("run", str(cut), "--db", url, "-q", "--no-report")
    assert proc.returncode == 1
    errors = [x for x in proc.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and str(cut) in errors[0] and "ends" in errors[0]
    assert _counts(url) == (0, 0)
