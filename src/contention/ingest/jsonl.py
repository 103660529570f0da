"""JSONL documents: one ``{"doc_id", "text", "lang"?, "published"?, "url"?, "title"?}`` object a line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Document
from .checks import checked, string_field


def read_jsonl(path: str | Path, *, source: str | None = None) -> Iterator[Document]:
    """Documents of a JSONL file; a bad line raises InputError naming the file and line."""
    path = Path(path)
    opener = _open_gz if path.suffix == ".gz" else _open_text
    with opener(path) as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield document_from_json(line, where=f"{path}:{n}", source=source or str(path))


def _open_text(path: Path):  # type: ignore[no-untyped-def]
    return path.open(encoding="utf-8")


def _open_gz(path: Path):  # type: ignore[no-untyped-def]
    import gzip
    return gzip.open(path, "rt", encoding="utf-8")


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
