"""HTML pages: main text, title, date and URL from the page's metadata (trafilatura, offline)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Document, content_hash


def read_html_file(path: Path) -> Iterator[Document]:
    html = path.read_text(encoding="utf-8", errors="replace")
    yield html_document(html, source=str(path), stem=path.stem)


def html_document(html: str, *, source: str | None = None, stem: str = "page") -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            favor_precision=True)
    doc = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    text = (doc.get("text") or "").strip()
    if not text:
        raise InputError("HTML page has no readable text", where=source)
    title = doc.get("title")
    body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    from ..resolve.dates import parse_published
    date = doc.get("date")
    return Document(doc_id=f"{stem}-{content_hash(body)[:8]}", text=body, lang=doc.get("language"),
                    published=parse_published(date) if date else None, url=doc.get("url"), title=title, source=source)
