"""JSONL documents: one ``{"doc_id", "text", "lang"?, "published"?, "url"?, "title"?}`` object a line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Document


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
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", where=where) from exc
    if not isinstance(row, dict):
        raise InputError("a line must be a JSON object", where=where)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("document has no text", where=where)
    doc_id = str(row.get("doc_id") or row.get("id") or "")
    if not doc_id:
        from ..records import content_hash
        doc_id = content_hash(text)
    return Document(doc_id=doc_id, text=text, lang=row.get("lang"), published=row.get("published"),
                    url=row.get("url"), title=row.get("title"), source=source)
