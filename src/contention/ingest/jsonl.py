"""JSONL documents: one ``{"doc_id", "text", "lang"?, "published"?, "url"?, "title"?}`` object a line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Document
from .checks import checked, string_field


def read_jsonl(path: str | Path, *, source: str | None = None) -> Iterator[Document]:
    """Documents of a JSONL file; a bad line raises InputError naming the file and line.

    A leading byte-order mark is dropped; a line that is not UTF-8 is an error naming it; a file
    without a single document is an error too (it is not silently nothing).
    """
    path = Path(path)
    opener = _open_gz if path.suffix == ".gz" else _open_bytes
    found = 0
    with opener(path) as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
                                 where=f"{path}:{n}") from exc
            if line.strip():
                found += 1
                yield document_from_json(line, where=f"{path}:{n}", source=source or str(path))
    if not found:
        raise InputError("no documents in the file (only blank lines)", where=str(path))


def _open_bytes(path: Path):  # type: ignore[no-untyped-def]
    return path.open("rb")


def _open_gz(path: Path):  # type: ignore[no-untyped-def]
    import gzip
    return gzip.open(path, "rb")


def document_from_json(line: str, *, where: str, source: str | None = None) -> Document:
    """The Document of one JSONL line; InputError (naming ``where``) for anything ``ingest.checks`` refuses."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", where=where) from exc
    except RecursionError as exc:
        raise InputError("JSON nested too deeply to read", where=where) from exc
    if not isinstance(row, dict):
        raise InputError("a line must be a JSON object", where=where)
    text = string_field(row, "text", where=where)
    if text is None or not text.strip():
        raise InputError("document has no text", where=where)
    id_field = "doc_id" if row.get("doc_id") not in (None, "") else "id"
    doc_id = string_field(row, id_field, where=where)
    if not doc_id:
        from ..records import content_hash
        doc_id = content_hash(text) if _encodable(text) else ""
    doc = Document(doc_id=doc_id, text=text, lang=string_field(row, "lang", where=where),
                   published=string_field(row, "published", where=where), url=string_field(row, "url", where=where),
                   title=string_field(row, "title", where=where), source=source)
    return checked(doc, where=where)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
