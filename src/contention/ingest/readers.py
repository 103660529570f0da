"""Files to Documents: the I/O edge of the pipeline.

``read_path`` walks files and folders and dispatches by suffix to one reader per format:
``.txt``/``.md`` (text.py), ``.html``/``.htm`` (webpage.py), ``.xml``/``.rss``/``.atom`` (feeds.py),
``.jsonl``/``.jsonl.gz`` (jsonl.py). Every problem is an ``InputError`` naming the file.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from ..errors import InputError
from ..records import Document
from .checks import checked
from .feeds import read_feed
from .jsonl import read_jsonl
from .text import read_text_file
from .webpage import read_html_file

Reader = Callable[[Path], Iterator[Document]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file, ".md": read_text_file, ".markdown": read_text_file,
    ".html": read_html_file, ".htm": read_html_file,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
    ".jsonl": read_jsonl, ".gz": read_jsonl,
}


def input_files(paths: list[str | Path], on_error: Callable[[InputError], None] | None = None) -> list[Path]:
    """The readable files under ``paths`` (folders walked in sorted order; README and hidden files skipped).

    A folder that cannot be listed is an InputError naming it, never skipped in silence: raised, or
    handed to ``on_error`` (and the walk goes on) when one is given.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError("no such file or folder", where=str(p))
        if not p.is_dir():
            out.append(p)
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p, onerror=lambda exc: _unreadable(exc, on_error)):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(Path(root) / f for f in files)
        wanted = [f for f in sorted(found) if _suffix(f) in READERS
                  and f.name.lower() not in ("readme.md", "readme.txt") and not f.name.startswith(".")]
        for f in wanted:
            if f.is_file():
                out.append(f)
            else:  # a link to nothing: named, not skipped in silence
                _report(InputError("a link to a file that does not exist", where=str(f)), on_error)
    return out


def _report(error: InputError, on_error: Callable[[InputError], None] | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def _unreadable(exc: OSError, on_error: Callable[[InputError], None] | None) -> None:
    _report(InputError(f"cannot read folder: {exc.strerror or exc}", where=str(exc.filename)), on_error)


def _suffix(path: Path) -> str:
    return ".gz" if path.name.endswith(".jsonl.gz") else path.suffix.lower()


def read_file(path: Path) -> Iterator[Document]:
    """Documents of one file, by its suffix."""
    reader = READERS.get(_suffix(path))
    if reader is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r}",
                         where=str(path), hint="use .txt, .md, .html, .xml/.rss/.atom or .jsonl")
    check_readable(path)
    if reader is read_jsonl:  # checks each line itself, naming the line
        yield from reader(path)
        return
    several = reader is read_feed
    for n, doc in enumerate(reader(path), 1):
        yield checked(doc, where=f"{path} item {n}" if several else str(path))


def check_readable(path: Path) -> None:
    """Refuse empty and binary files with a clear message."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file", where=str(path))
    if path.name.endswith(".gz"):
        return
    head = path.open("rb").read(4096)
    if b"\x00" in head:
        raise InputError("binary file, not text", where=str(path))
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a cut multi-byte character at the end is fine
            raise InputError("not UTF-8 text", where=str(path)) from exc
