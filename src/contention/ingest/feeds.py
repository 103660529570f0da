"""RSS and Atom feed files: one Document per item (title + description/content)."""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..records import Document, content_hash

_TAG = re.compile(r"<[^>]+>")


def read_feed(path: Path) -> Iterator[Document]:
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo and not parsed.entries:
        raise InputError(f"not a readable RSS/Atom feed ({parsed.bozo_exception})", where=str(path))
    if not parsed.entries:
        raise InputError("feed has no items", where=str(path))
    for n, entry in enumerate(parsed.entries, 1):
        yield _entry_document(entry, where=f"{path} item {n}", source=str(path))


def _plain(value: str) -> str:
    return html_lib.unescape(_TAG.sub(" ", value)).strip()


def _entry_document(entry, *, where: str, source: str) -> Document:  # type: ignore[no-untyped-def]
    title = _plain(entry.get("title", ""))
    content = entry.get("content") or []
    body = _plain(content[0].get("value", "")) if content else _plain(entry.get("summary", "") or entry.get("description", ""))
    text = "\n\n".join(p for p in (title, body) if p)
    if not text:
        raise InputError("feed item has no text", where=where)
    from ..resolve.dates import parse_published
    published = None
    if entry.get("published_parsed"):
        t = entry["published_parsed"]
        published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    elif entry.get("published") or entry.get("updated"):
        published = parse_published(entry.get("published") or entry.get("updated"))
    link = entry.get("link")
    return Document(doc_id=f"feed-{content_hash(text)[:12]}", text=text, published=published, url=link,
                    title=title or None, source=source, lang=entry.get("language"))
