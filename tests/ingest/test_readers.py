"""Readers turn files into Documents, and refuse bad files with one line naming the file."""
from __future__ import annotations

from pathlib import Path

import pytest

from contention.errors import InputError
from contention.ingest.readers import input_files, read_file
from contention.ingest.segment import split_sentences

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("bad.jsonl", b'{"doc_id": "a", "text": "Workers struck."}\n{not json\n', "invalid JSON"),
        ("notext.jsonl", b'{"doc_id": "a", "text": "   "}\n', "no text"),
        ("nothing.html", b"<html><head><title>x</title></head><body><script>1</script></body></html>", "no readable text"),
        ("page.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_readers_bad_file_gives_one_line_error(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        list(read_file(path))
    msg = err.value.one_line()
    assert str(path) in msg and problem in msg and "\n" not in msg


def test_readers_jsonl_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('{"doc_id": "a", "text": "Miners went on strike."}\n\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"docs\.jsonl:3"):
        list(read_file(path))


def test_readers_read_every_example_format() -> None:
    docs = [d for f in input_files([EXAMPLES]) for d in read_file(f)]
    suffixes = {Path(d.source).suffix for d in docs}
    assert {".txt", ".md", ".html", ".xml", ".jsonl"} <= suffixes
    assert all(d.text.strip() for d in docs)
    html = [d for d in docs if d.source.endswith(".html")]
    assert html and html[0].published and html[0].url and html[0].title
    feed = [d for d in docs if d.source.endswith(".xml")]
    assert len(feed) >= 2 and all(d.published for d in feed)
    assert len({d.doc_id for d in docs}) == len(docs)


def test_readers_text_file_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("# Strike in Aktau\n\nPublished: 2016-10-03\n\nDrillers stopped work on Monday.\n", encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.title == "Strike in Aktau" and doc.published == "2016-10-03"
    again = next(read_file(path))
    assert again.doc_id == doc.doc_id  # ids are stable: re-running is a no-op


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Police arrived at 6:45 p.m. and the crowd left. Nobody was hurt.", 2),
        ("Mr. Smith met the strikers. They agreed to talk.", 2),
        ("Полиция задержала 20 человек. Акция продолжилась.", 2),
        ("Headline without a full stop\nThe body starts here.", 2),
        # other scripts' full stops and question marks: Armenian, Arabic, Devanagari, Ethiopic, Chinese
        ("Ոստիկանությունը ցրեց հանրահավաքը։ Ձերբակալվել է քսան մարդ։", 2),
        ("هل تظاهر عمال المصنع أمس؟ نعم، وأغلقوا الطريق.", 2),
        ("मजदूरों ने कल हड़ताल की। पुलिस ने बीस लोगों को हिरासत में लिया।", 2),
        ("ሰራተኞቹ ትናንት የስራ ማቆም አድማ አደረጉ። ፖሊስ ሃያ ሰዎችን አሰረ።", 2),
        ("工人们昨天举行了罢工。警察拘留了二十人。", 2),
    ],
)
def test_segment_split_sentences_keeps_offsets(text: str, n: int) -> None:
    sents = split_sentences(text)
    assert len(sents) == n
    for s in sents:
        assert text[s.start:s.end] == s.text
