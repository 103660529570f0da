"""The bad-input suite: reports, datasets, databases and command-line arguments as users get them wrong.

Every case runs the real command (``contention.cli.main``, in this process for speed) on real files
against a real database that already holds coded reports, and asserts:

* the command fails (exit status not 0) without a traceback;
* it prints exactly one ``error:`` line, which names the file (and the line, for a bad record), the
  database or the argument, and says what is wrong;
* nothing stored before is lost or duplicated: the documents, events and evidence are exactly what
  they were (the cases marked ``both`` run on PostgreSQL as well).

Row-level problems in datasets are not errors (a bad row is skipped and named in a warning, the rest
is imported); they are checked at the end in the same way.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from contention.cli import main
from contention.ingest.checks import MAX_DOC_ID, MAX_TEXT
from contention.pipeline import run
from contention.store import open_store
from tests.pg import fresh_pg_database
from tests.shared_path import SHARED

GOOD = [
    {"doc_id": "base-1", "text": "Oil workers in Zhanaozen went on strike on 16 May 2011 over unpaid bonuses.",
     "lang": "en", "published": "2011-05-17"},
    {"doc_id": "base-2", "text": "Police detained twelve activists in Almaty on 3 March 2019 before a rally.",
     "lang": "en", "published": "2019-03-04"},
    {"doc_id": "base-3", "text": "Полиция задержала десять активистов в Алматы 6 января 2022 года.", "lang": "ru",
     "published": "2022-01-07"},
]
GOOD_LINE = json.dumps({"doc_id": "new-1", "text": "Hundreds of residents rallied in Aktobe on 9 June 2019.",
                        "lang": "en", "published": "2019-06-10"})
TEXT = "Police detained four strikers in Aktau on 5 October 2016."


@dataclass
class Case:
    """One bad input: files to write, the command (``{db}``, ``{dir}`` filled in), what the error must say."""

    id: str
    argv: list[str]
    says: str  # a part of the message
    where: str = "{dir}/bad"  # what the line must name (a path, a path:line, an option)
    files: dict[str, bytes | str] = field(default_factory=dict)
    both: bool = False  # also on PostgreSQL
    prepare: Callable[[Path, str], None] | None = None


def _line(**fields: Any) -> str:
    return json.dumps({"doc_id": "odd", "text": TEXT, **fields})


def _jsonl(bad_line: str, before: int = 2) -> str:
    """``before`` good lines, then the bad one: the file must be refused whole, the good lines too."""
    good = [json.dumps({"doc_id": f"ok-{i}", "text": f"Workers in Aktau went on strike on {i + 1} May 2011.",
                        "lang": "en"}) for i in range(before)]
    return "\n".join([*good, bad_line]) + "\n"


def record(id_: str, bad_line: str, says: str, *, both: bool = False, line: int = 3) -> Case:
    return Case(id_, ["run", "{dir}/bad.jsonl", "--db", "{db}", "-q", "--no-report"], says,
                where=f"{{dir}}/bad.jsonl:{line}:", files={"bad.jsonl": _jsonl(bad_line)}, both=both)


def report_file(id_: str, name: str, content: bytes | str, says: str, *, where: str | None = None,
                both: bool = False) -> Case:
    return Case(id_, ["run", f"{{dir}}/{name}", "--db", "{db}", "-q", "--no-report"], says,
                where=where or f"{{dir}}/{name}:", files={name: content}, both=both)


def dataset(id_: str, source: str, name: str, content: bytes | str, says: str, *, where: str | None = None) -> Case:
    return Case(id_, ["import", source, f"{{dir}}/{name}", "--db", "{db}", "-q"], says,
                where=where or f"{{dir}}/{name}", files={name: content})


def cli(id_: str, argv: list[str], says: str, where: str, files: dict[str, bytes | str] | None = None) -> Case:
    return Case(id_, argv, says, where=where, files=files or {})


def _gz(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"))


def _mm_header() -> str:
    return (SHARED / "data" / "mass-mobilization" / "mm_kazakhstan.csv").read_text(encoding="utf-8").splitlines()[0]


def _acled_header() -> str:
    path = Path(__file__).resolve().parents[1] / "datasets" / "fixtures" / "acled_own_rows.csv"
    return path.read_text(encoding="utf-8").splitlines()[0]


def _foreign_sqlite(folder: Path, _db: str) -> None:
    import sqlite3

    with sqlite3.connect(folder / "other.db") as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")


def _newer_schema(_folder: Path, db: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text("INSERT INTO schema_version (version, name, applied) VALUES (99, 'future', 'x')"))
    engine.dispose()


def _cases() -> list[Case]:
    deep = '{"doc_id": "d", "text": "x", "more": ' + "[" * 50_000 + "]" * 50_000 + "}"
    long_text = json.dumps({"doc_id": "long", "text": "Workers went on strike. " * (MAX_TEXT // 24 + 1)})
    cases = [
        # --- reports: one bad JSONL record refuses its file (the two good lines before it too) ---------------
        record("json-broken", '{"doc_id": "x", "text": "no end"', "invalid JSON"),
        record("json-trailing", _line() + " extra", "invalid JSON"),
        record("json-array", '["a", "b"]', "a line must be a JSON object"),
        record("json-string", '"just a string"', "a line must be a JSON object"),
        record("json-number", "42", "a line must be a JSON object"),
        record("json-null", "null", "a line must be a JSON object"),
        record("json-deep", deep, "JSON nested too deeply"),
        record("json-nan-text", '{"doc_id": "n", "text": NaN}', "text must be a string"),
        record("text-missing", json.dumps({"doc_id": "x"}), "document has no text"),
        record("text-empty", _line(text=""), "document has no text"),
        record("text-blank", _line(text=" \n\t "), "document has no text"),
        record("text-number", _line(text=12), "text must be a string, not a number"),
        record("text-list", _line(text=["a", "b"]), "text must be a string, not a list"),
        record("text-object", _line(text={"en": "x"}), "text must be a string, not an object"),
        record("text-bool", _line(text=True), "text must be a string, not true/false"),
        record("text-nul", _line(text="Police\u0000 detained four."), "text contains a NUL character", both=True),
        record("text-surrogate", '{"doc_id": "s", "text": "Police \\ud800 detained four."}', "lone surrogate", both=True),
        record("text-low-surrogate", '{"doc_id": "s", "text": "x \\udfff y"}', "lone surrogate"),
        record("text-too-long", long_text, "more than the 1,000,000 accepted"),
        record("id-list", _line(doc_id=["a"]), "doc_id must be a string, not a list"),
        record("id-object", _line(doc_id={"a": 1}), "doc_id must be a string, not an object"),
        record("id-bool", _line(doc_id=False), "doc_id must be a string, not true/false"),
        record("id-float", _line(doc_id=1.5), "doc_id must be a string, not a number"),
        record("id-nul", _line(doc_id="a\u0000b"), "doc_id contains a NUL character", both=True),
        record("id-surrogate", '{"doc_id": "a\\ud83d", "text": "x y"}', "doc_id contains a lone surrogate", both=True),
        record("id-too-long", _line(doc_id="L" * (MAX_DOC_ID + 1)), "doc_id is 513 characters long", both=True),
        record("id-huge", _line(doc_id="L" * 20_000), "doc_id is 20,000 characters long", both=True),
        record("id-blank", _line(doc_id="   "), "doc_id is empty"),
        record("lang-list", _line(lang=["en"]), "lang must be a string, not a list"),
        record("lang-number", _line(lang=7), "lang must be a string, not a number"),
        record("lang-object", _line(lang={"code": "en"}), "lang must be a string, not an object"),
        record("lang-nul", _line(lang="e\u0000n"), "lang contains a NUL character", both=True),
        record("published-number", _line(published=20161006), "published '20161006' is not a date"),
        record("published-float", _line(published=2016.5), "published must be a string, not a number"),
        record("published-object", _line(published={"year": 2016}), "published must be a string, not an object"),
        record("published-list", _line(published=[2016, 10, 6]), "published must be a string, not a list"),
        record("published-bool", _line(published=True), "published must be a string, not true/false"),
        record("published-garbage", _line(published="yesterday-ish"), "published 'yesterday-ish' is not a date"),
        record("published-feb-31", _line(published="2011-02-31"), "published '2011-02-31' is not a date"),
        record("published-month-13-day", _line(published="2011-13-45"), "is not a date"),
        record("published-nul", _line(published="2011\u0000"), "published contains a NUL character", both=True),
        record("published-long", _line(published="2" * 5000), "published is 5,000 characters long"),
        record("url-list", _line(url=["http://a", "http://b"]), "url must be a string, not a list"),
        record("url-number", _line(url=5), "url must be a string, not a number"),
        record("url-nul", _line(url="http://a\u0000"), "url contains a NUL character", both=True),
        record("url-surrogate", '{"doc_id": "u", "text": "x y", "url": "http://\\udc80"}', "url contains a lone surrogate"),
        record("title-number", _line(title=5), "title must be a string, not a number"),
        record("title-list", _line(title=["a"]), "title must be a string, not a list"),
        record("title-nul", _line(title="A\u0000B"), "title contains a NUL character", both=True),
        record("title-surrogate", '{"doc_id": "t", "text": "x y", "title": "\\ud800"}', "title contains a lone surrogate",
               both=True),
        record("title-long", _line(title="T" * 5000), "title is 5,000 characters long", both=True),
        Case("jsonl-not-utf8-late", ["run", "{dir}/bad.jsonl", "--db", "{db}", "-q", "--no-report"], "not UTF-8 text",
             where="{dir}/bad.jsonl:91:", files={"bad.jsonl": _jsonl(GOOD_LINE).encode("utf-8") * 30
                                                  + b'{"doc_id": "l", "text": "caf\xe9"}\n'}),
        # --- reports: whole files ---------------------------------------------------------------------
        report_file("txt-empty", "bad.txt", "", "empty file", where="{dir}/bad.txt: empty"),
        report_file("txt-blank", "bad.txt", "  \n\n \t\n", "file has no text", where="{dir}/bad.txt: file has no text"),
        report_file("txt-binary", "bad.txt", b"\x00\x01\x02\x03binary", "binary file, not text"),
        report_file("txt-latin1", "bad.txt", "Забастовка в Актау.".encode("cp1251"), "not UTF-8 text"),
        report_file("txt-latin1-late", "bad.txt", b"Workers went on strike in Aktau. " * 200 + b"caf\xe9\n",
                    "not UTF-8 text (byte 0xe9 on line 1)"),
        report_file("txt-nul-late", "bad.txt", ("Workers went on strike in Aktau. " * 200 + "\u0000 end").encode("utf-8"),
                    "text contains a NUL character", both=True),
        report_file("txt-too-long", "bad.txt", "Workers went on strike in Aktau. " * (MAX_TEXT // 33 + 2),
                    "more than the 1,000,000 accepted"),
        report_file("md-empty", "bad.md", "", "empty file"),
        report_file("html-no-text", "bad.html", "<html><head><title>x</title></head><body></body></html>",
                    "HTML page has no readable text"),
        report_file("html-binary", "bad.html", b"\x00\x00\x00\x00PNG", "binary file, not text"),
        report_file("xml-not-feed", "bad.xml", "<?xml version='1.0'?><note><to>x</to></note>", "feed has no items"),
        report_file("rss-no-items", "bad.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                    "</channel></rss>", "feed has no items"),
        report_file("atom-broken", "bad.atom", "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title></title>",
                    "feed item has no text", where="{dir}/bad.atom item 1:"),
        report_file("rss-empty-item", "bad.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                    "<item><title></title><description></description></item></channel></rss>", "feed item has no text",
                    where="{dir}/bad.rss item 1:"),
        report_file("rss-item-nul", "bad.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                    "<item><title>Strike in Aktau</title><description>Workers struck &#0; today.</description></item>"
                    "</channel></rss>", "text contains a NUL character", where="{dir}/bad.rss item 1:", both=True),
        report_file("jsonl-empty", "bad.jsonl", "", "empty file"),
        report_file("jsonl-blank-lines", "bad.jsonl", "\n\n   \n", "no documents in the file"),
        report_file("jsonl-gz-truncated", "bad.jsonl.gz", _gz(_jsonl(GOOD_LINE) * 50)[:60],
                    "the gzip file ends in the middle"),
        report_file("jsonl-gz-not-gzip", "bad.jsonl.gz", _jsonl(GOOD_LINE), "not a readable gzip file"),
        report_file("jsonl-gz-empty-gzip", "bad.jsonl.gz", _gz(""), "no documents in the file"),
        report_file("jsonl-gz-bad-record", "bad.jsonl.gz", _gz(_jsonl(_line(lang=["en"]))), "lang must be a string",
                    where="{dir}/bad.jsonl.gz:3:"),
        report_file("unsupported-pdf", "bad.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        report_file("unsupported-csv", "bad.csv", "a,b\n1,2\n", "unsupported file type '.csv'"),
        report_file("unsupported-none", "bad", "Workers struck.", "unsupported file type '(none)'"),
        Case("path-missing", ["run", "{dir}/nothing-here.txt", "--db", "{db}", "-q", "--no-report"],
             "no such file or folder", where="{dir}/nothing-here.txt:"),
        Case("folder-without-reports", ["run", "{dir}/data", "--db", "{db}", "-q", "--no-report"], "no reports here",
             where="{dir}/data:", files={"data/table.csv": "a,b\n", "data/notes.docx": b"PK\x03\x04"}),
        Case("folder-broken-link", ["run", "{dir}/reports", "--db", "{db}", "-q", "--no-report"],
             "a link to a file that does not exist", where="{dir}/reports/gone.txt:",
             prepare=lambda d, _db: (d / "reports").mkdir() or os.symlink(d / "nowhere.txt", d / "reports" / "gone.txt")),
        Case("extract-bad-record", ["extract", "{dir}/bad.jsonl", "-o", "{dir}/out.jsonl"], "published must be a string",
             where="{dir}/bad.jsonl:3:", files={"bad.jsonl": _jsonl(_line(published={"y": 1}))}),
        Case("extract-deep", ["extract", "{dir}/bad.jsonl", "-o", "{dir}/out.jsonl"], "JSON nested too deeply",
             where="{dir}/bad.jsonl:3:", files={"bad.jsonl": _jsonl(deep)}),
        Case("extract-missing", ["extract", "{dir}/none.jsonl"], "no such file", where="{dir}/none.jsonl:"),
        Case("explain-missing", ["explain", "{dir}/none.txt"], "does not exist", where="none.txt"),
        Case("explain-binary", ["explain", "{dir}/bad.txt"], "binary file", where="{dir}/bad.txt:",
             files={"bad.txt": b"\x00\x01binary"}),
        # --- datasets ------------------------------------------------------------------------------------
        dataset("mm-header-only-garbage", "mm", "bad.csv", "\n\n", "not a Mass Mobilization file",
                where="{dir}/bad.csv:1:"),
        dataset("mm-wrong-header", "mm", "bad.csv", "a,b,c\n1,2,3\n", "not a Mass Mobilization file: no column id",
                where="{dir}/bad.csv:1:"),
        dataset("mm-binary", "mm", "bad.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "not a Mass Mobilization file"),
        dataset("mm-gz-truncated", "mm", "bad.csv.gz", _gz(_mm_header() + "\n" + "x" * 5000)[:40],
                "the gzip file ends in the middle"),
        dataset("mm-gz-not-gzip", "mm", "bad.csv.gz", _mm_header() + "\n", "not a readable gzip file"),
        dataset("mm-gz-empty", "mm", "bad.csv.gz", b"", "empty file"),
        dataset("mm-csv-empty", "mm", "bad.csv", b"", "empty file"),
        dataset("acled-wrong-header", "acled", "bad.csv", "x,y\n1,2\n", "not an ACLED export", where="{dir}/bad.csv:1:"),
        dataset("acled-gz-truncated", "acled", "bad.csv.gz", _gz(_acled_header() + "\n" + "y" * 3000)[:30],
                "the gzip file ends in the middle"),
        dataset("acled-empty", "acled", "bad.csv", "", "empty file"),
        dataset("ccc-wrong-header", "ccc", "bad.csv", "x,y\n1,2\n", "no column"),
        dataset("ccc-gz-not-gzip", "ccc", "bad.csv.gz", "date,locality\n", "not a readable gzip file"),
        dataset("gdelt-not-gdelt", "gdelt", "bad.tsv", "a\tb\n1\t2\n", "none of its 2 rows could be read as gdelt"),
        dataset("acled-all-rows-bad", "acled", "bad.csv", _acled_header() + "\n" + ",".join(["x"] * 31) + "\n",
                "none of its 1 rows could be read as acled"),
        dataset("keepiton-no-header", "keepiton", "bad.csv", "a,b\n1,2\n3,4\n5,6\n",
                "no header with start_date and country"),
        dataset("keepiton-xlsx", "keepiton", "bad.xlsx", b"PK\x03\x04", "the workbook itself is not read"),
        dataset("keepiton-gz-truncated", "keepiton", "bad.csv.gz", _gz("start_date,country\n" + "z" * 4000)[:35],
                "the gzip file ends in the middle"),
        dataset("mmad-unsupported", "mmad", "bad.csv", "a\n1\n", "mmad"),
        cli("import-missing", ["import", "mm", "{dir}/none.csv", "--db", "{db}"], "no such file", "{dir}/none.csv"),
        cli("import-folder", ["import", "mm", "{dir}", "--db", "{db}"], "is a directory", "{dir}"),
        cli("import-unknown-source", ["import", "ucdp", "{dir}/x.csv", "--db", "{db}"], "'ucdp' is not one of", "ucdp"),
        cli("import-bad-country", ["import", "mm", "{dir}/x.csv", "--db", "{db}", "--country", "Narnia"],
            "unknown country 'Narnia'", "Narnia", files={"x.csv": _mm_header() + "\n"}),
        # --- databases -----------------------------------------------------------------------------------------
        cli("db-unreachable-pg", ["events", "--db", "postgresql://ann:s3cret@127.0.0.1:9/none"], "cannot reach database",
            "postgresql://ann@127.0.0.1:9/none"),
        cli("db-unsupported-scheme", ["events", "--db", "mysql://localhost/db"], "unsupported scheme", "mysql://localhost/db"),
        cli("db-not-a-url", ["runs", "--db", "not a url"], "not a database URL", "not a url"),
        cli("db-folder-missing", ["run", "{dir}/x.txt", "--db", "sqlite:///{dir}/no/such/folder/c.db", "-q"],
            "unable to open", "{dir}/no/such/folder/c.db", files={"x.txt": TEXT}),
        cli("db-typo-events", ["events", "--db", "sqlite:///{dir}/typo.db"], "no database at", "{dir}/typo.db"),
        cli("db-typo-runs", ["runs", "--db", "sqlite:///{dir}/typo.db"], "no database at", "{dir}/typo.db"),
        cli("db-typo-learn", ["learn", "--db", "sqlite:///{dir}/typo.db"], "no database at", "{dir}/typo.db"),
        cli("db-typo-report", ["report", "--db", "sqlite:///{dir}/typo.db"], "no database at", "{dir}/typo.db"),
        cli("db-typo-gold", ["gold", "export", "--db", "sqlite:///{dir}/typo.db", "-o", "{dir}/g.jsonl"], "no database at",
            "{dir}/typo.db"),
        cli("db-typo-user", ["user", "list", "--db", "sqlite:///{dir}/typo.db"], "no database at", "{dir}/typo.db"),
        cli("db-text-file", ["events", "--db", "sqlite:///{dir}/notes.db"], "file is not a database", "{dir}/notes.db",
            files={"notes.db": "these are my notes, not a database\n" * 200}),
        Case("db-foreign-sqlite", ["run", "{dir}/x.txt", "--db", "sqlite:///{dir}/other.db", "-q", "--no-report"],
             "another application's database (tables invoices)", where="{dir}/other.db", files={"x.txt": TEXT},
             prepare=_foreign_sqlite),
        Case("db-newer-schema", ["events", "--db", "{db}"], "is newer than this contention", where="database schema v99",
             both=True, prepare=_newer_schema),
        # --- command-line arguments -------------------------------------------------------------------------
        cli("events-from-feb-31", ["events", "--db", "{db}", "--from", "2011-02-31"], "is not a date", "'2011-02-31'"),
        cli("events-to-month-13", ["events", "--db", "{db}", "--to", "2011-13"], "is not a date", "'2011-13'"),
        cli("events-from-words", ["events", "--db", "{db}", "--from", "last week"], "is not a date", "'last week'"),
        cli("events-from-dots", ["events", "--db", "{db}", "--from", "16.12.2011"], "is not a date", "'16.12.2011'"),
        cli("events-country-unknown", ["events", "--db", "{db}", "--country", "Narnia"], "is not a country", "'Narnia'"),
        cli("events-type-unknown", ["events", "--db", "{db}", "--type", "response.arrest"], "is not one of", "--type"),
        cli("events-family-unknown", ["events", "--db", "{db}", "--family", "violence"], "is not one of", "--family"),
        cli("events-limit-negative", ["events", "--db", "{db}", "--limit", "-1"], "not in the range", "--limit"),
        cli("events-layout-parquet", ["events", "--db", "{db}", "--layout", "acled", "-o", "{dir}/x.parquet"],
            "name it .csv", "--output"),
        cli("events-layout-mm-jsonl", ["events", "--db", "{db}", "--layout", "mm", "-o", "{dir}/x.jsonl"],
            "name it .csv", "--output"),
        cli("events-export-xlsx", ["events", "--db", "{db}", "-o", "{dir}/x.xlsx"], "unknown format 'xlsx'", "{dir}/x.xlsx"),
        cli("events-export-no-folder", ["events", "--db", "{db}", "-o", "{dir}/no/such/x.csv"], "cannot write",
            "{dir}/no/such/x.csv"),
        cli("events-reviewed-parquet", ["events", "--db", "{db}", "--reviewed", "-o", "{dir}/x.parquet"],
            "cannot export reviewed events", "{dir}/x.parquet"),
        cli("learn-landmark-feb-31", ["learn", "--db", "{db}", "--landmark", "2011-02-31"], "is not a date",
            "landmark '2011-02-31'"),
        cli("learn-landmark-garbage", ["learn", "--db", "{db}", "--landmark", "garbage"], "is not a date",
            "landmark 'garbage'"),
        cli("learn-landmark-year", ["learn", "--db", "{db}", "--landmark", "2011"], "is not a date", "landmark '2011'"),
        cli("learn-country-none", ["learn", "--db", "{db}", "--country", "Russia"], "no asserted events for country RU",
            "RU"),
        cli("learn-country-unknown", ["learn", "--db", "{db}", "--country", "Atlantis"], "unknown country", "'Atlantis'"),
        cli("learn-origin-none", ["learn", "--db", "{db}", "--origin", "imported:acled"], "no events of origin",
            "imported:acled"),
        cli("learn-boot-zero", ["learn", "--db", "{db}", "--boot", "0"], "not in the range", "--boot"),
        cli("run-workers-zero", ["run", "{dir}/x.txt", "--db", "{db}", "--engine", "dask", "--workers", "0"],
            "not in the range", "--workers", files={"x.txt": TEXT}),
        cli("run-workers-negative", ["run", "{dir}/x.txt", "--db", "{db}", "--engine", "processes", "--workers", "-3"],
            "not in the range", "--workers", files={"x.txt": TEXT}),
        cli("run-chunk-zero", ["run", "{dir}/x.txt", "--db", "{db}", "--chunk-size", "0"], "not in the range",
            "--chunk-size", files={"x.txt": TEXT}),
        cli("run-batch-zero", ["run", "{dir}/x.txt", "--db", "{db}", "--batch-size", "0"], "not in the range",
            "--batch-size", files={"x.txt": TEXT}),
        cli("run-engine-unknown", ["run", "{dir}/x.txt", "--db", "{db}", "--engine", "spark"], "is not one of",
            "--engine", files={"x.txt": TEXT}),
        cli("run-scheduler-local", ["run", "{dir}/x.txt", "--db", "{db}", "--scheduler", "tcp://127.0.0.1:1", "-q"],
            "a scheduler is for the dask engine", "add --engine dask", files={"x.txt": TEXT}),
        cli("run-no-paths", ["run", "--db", "{db}"], "Missing argument", "PATHS"),
        cli("serve-port-zero", ["serve", "--db", "{db}", "--port", "0"], "not in the range", "--port"),
        cli("serve-port-huge", ["serve", "--db", "{db}", "--port", "70000"], "not in the range", "--port"),
        cli("gold-no-output", ["gold", "export", "--db", "{db}"], "Missing option", "--output"),
        cli("lang-new-bad-code", ["lang", "new", "English!"], "is not an ISO 639-1/3 code", "English!"),
        cli("lang-check-unknown", ["lang", "check", "zz"], "no language pack 'zz'", "zz"),
        cli("user-remove-unknown", ["user", "remove", "nobody", "--db", "{db}"], "no reviewer 'nobody'", "nobody"),
        cli("unknown-command", ["frobnicate"], "No such command", "frobnicate"),
    ]
    return cases


CASES = _cases()


def _fill(value: str, folder: Path, db: str) -> str:
    return value.replace("{dir}", str(folder)).replace("{db}", db)


def _state(db: str) -> tuple[Any, ...]:
    """What must not change: documents (id, content hash), events (key, date), evidence spans."""
    with open_store(db, create=False) as store:
        docs = sorted((d.doc_id, d.content_hash) for d in store.documents())
        events = store.events()
    spans = sorted((e.key, ev.doc_id, ev.start, ev.end) for e in events for ev in e.all_evidence())
    return docs, sorted((e.key, e.date or "") for e in events), spans


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any], list[Any]]:
    """A SQLite store holding the coded GOOD reports; and those documents and events, to put into PostgreSQL."""
    folder = tmp_path_factory.mktemp("base")
    reports = folder / "good.jsonl"
    reports.write_text("".join(json.dumps(r) + "\n" for r in GOOD), encoding="utf-8")
    url = f"sqlite:///{folder / 'base.db'}"
    with open_store(url) as store:
        assert run([reports], store=store).ok
        docs, events = store.documents(), store.events()
    assert len(docs) == 3 and events
    return folder / "base.db", docs, events


#: Every case on SQLite; those whose outcome could depend on the database on PostgreSQL too.
PARAMS = [pytest.param(c, "sqlite", id=f"sqlite-{c.id}") for c in CASES] + [
    pytest.param(c, "postgresql", id=f"postgresql-{c.id}", marks=pytest.mark.postgres) for c in CASES if c.both]


def _database(backend: str, base: tuple[Path, list[Any], list[Any]], folder: Path,
              request: pytest.FixtureRequest) -> str:
    path, docs, events = base
    if backend == "sqlite":
        shutil.copy(path, folder / "c.db")
        return f"sqlite:///{folder / 'c.db'}"
    url = fresh_pg_database(request.getfixturevalue("pg_admin_url"), "badinput")
    with open_store(url) as store:
        store.put_documents(docs)
        store.put_events(events)
    return url


def _write(folder: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize(("case", "backend"), PARAMS)
def test_bad_input_is_one_line_naming_it_and_changes_nothing(case: Case, backend: str, base, tmp_path: Path,
                                                             request: pytest.FixtureRequest,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = _database(backend, base, tmp_path, request)
    _write(tmp_path, case.files)
    if case.prepare is not None:
        case.prepare(tmp_path, db)
    before = _state(db) if not case.id.startswith("db-newer") else None
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main([_fill(a, tmp_path, db) for a in case.argv])
    out, err = capsys.readouterr()
    assert exited.value.code not in (0, None), out
    assert "Traceback" not in err and "Traceback" not in out
    errors = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1, err
    line = errors[0]
    assert case.says in line, line
    assert _fill(case.where, tmp_path, db) in line, line
    assert "\n" not in line and len(line) < 2000
    if before is not None:
        assert _state(db) == before, "stored data changed"
    if case.id.startswith("extract-"):
        assert not (tmp_path / "out.jsonl").exists(), "extract wrote part of its output before the bad record"


def test_the_suite_covers_the_audit(capsys: pytest.CaptureFixture[str]) -> None:
    kinds = {"reports": 0, "datasets": 0, "databases": 0, "arguments": 0}
    for case in CASES:
        first = case.argv[0]
        if case.id.startswith("db-"):
            kinds["databases"] += 1
        elif first == "import" or case.id.startswith(("mm-", "acled-", "ccc-", "gdelt-", "keepiton-", "mmad-")):
            kinds["datasets"] += 1
        elif first in ("run", "extract", "explain") and not case.id.startswith("run-"):
            kinds["reports"] += 1
        else:
            kinds["arguments"] += 1
    assert len(CASES) >= 119 and all(n >= 10 for n in kinds.values()), kinds


# --- dataset rows: skipped, named, and the rest imported -----------------------------------------------------

def test_bad_dataset_rows_are_named_and_the_good_rows_imported(base, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = _database("sqlite", base, tmp_path, None)  # type: ignore[arg-type]
    header = _mm_header()
    good = (SHARED / "data" / "mass-mobilization" / "mm_kazakhstan.csv").read_text(encoding="utf-8").splitlines()[1:4]
    bad_rows = [
        "notanumber,Kazakhstan,705,2011,Asia,1,1,1,1,2011,1,1,2011,0,Almaty,,100,x,,,,,ignore,,,,,,,,a",
        "7051990002,Kazakhstan,705,1990,Asia,1,1,31,2,1990,31,2,1990,0,Almaty,,100,x,,,,,ignore,,,,,,,,a",
        "7051990003,Narnia,705,1990,Asia,1,1,1,2,1990,1,2,1990,0,Almaty,,100,x,,,,,ignore,,,,,,,,a",
    ]
    path = tmp_path / "mm.csv"
    path.write_text("\n".join([header, *good, *bad_rows]) + "\n", encoding="utf-8")
    before = _state(db)
    capsys.readouterr()
    main(["import", "mm", str(path), "--db", db])  # returns: a dataset with some bad rows is imported
    out, err = capsys.readouterr()
    warnings = [ln for ln in err.splitlines() if ln.startswith("warning:")]
    assert [w.split(":")[1].strip() for w in warnings] == [str(path)] * 3, err
    assert [int(w.split(":")[2]) for w in warnings] == [5, 6, 7]
    assert "3 rows skipped" in out
    docs, events, spans = _state(db)
    assert set(before[0]) < set(docs) and set(before[1]) < set(events)  # the earlier data is all still there
