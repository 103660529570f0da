"""Plain-text and Markdown reports. The first line is the title; a ``Published: 2011-12-17`` (or
``Date:``/``Опубликовано:``) line near the top gives the publication date, which anchors relative dates."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Document, content_hash

_META = re.compile(r"^\s*(?:\*\*)?(published|date|dated|опубликовано|дата|url|source|lang|language)(?:\*\*)?\s*:\s*(.+?)\s*$",
                   re.IGNORECASE | re.MULTILINE)


def read_text_file(path: Path) -> Iterator[Document]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line})", where=str(path)) from exc
    if not text.strip():
        raise InputError("file has no text", where=str(path))
    yield text_document(text, source=str(path), stem=path.stem)


def text_document(text: str, *, source: str | None = None, stem: str = "doc") -> Document:
    meta = {m.group(1).lower(): m.group(2) for m in _META.finditer(text[:1500])}
    published = meta.get("published") or meta.get("date") or meta.get("dated") or meta.get("опубликовано") or meta.get("дата")
    if published:
        from ..resolve.dates import parse_published
        published = parse_published(published)
    title = next((ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip()), None)
    lang = meta.get("lang") or meta.get("language")
    return Document(doc_id=f"{stem}-{content_hash(text)[:8]}", text=text, lang=lang, published=published,
                    url=meta.get("url") or meta.get("source"), title=title, source=source)
