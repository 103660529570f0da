"""What every document must be before it goes further, whatever file it came from.

Each reader builds its Documents and hands them to ``checked``; a document that breaks a rule
raises an InputError naming the file and record, so the whole file is refused before anything of
it is stored (the README's promise). The rules are those both back ends need (PostgreSQL takes no
NUL character and indexes doc_id in a B-tree) and those the later stages rely on (strings where
strings are expected, a publication date that is a date, a text small enough to code).
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..records import Document
from ..store.rows import is_date

#: Longest doc_id accepted (characters): ids are keys, and PostgreSQL's B-tree rows stop near 2,700 bytes.
MAX_DOC_ID = 512
#: Longest text accepted (characters). A report is rarely over 100,000; coding time grows linearly with
#: length (about 25 s for a 1,000,000-character text dense with events, see benchmarks/doc_size.py), and
#: a longer text is refused with a message to split it rather than holding a worker for minutes.
MAX_TEXT = 1_000_000
#: Longest url, title, lang or published value accepted (characters).
MAX_FIELD = 4096

_FIELDS = ("doc_id", "text", "lang", "published", "url", "title")
_ISO_SHAPE = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)(?:[T ].*)?$")


def string_field(row: dict[str, Any], name: str, *, where: str) -> str | None:
    """``row[name]`` as a string or None; a number for ``doc_id`` or a year for ``published`` is taken as text.

    Anything else (a list, an object, true/false) is an InputError naming the field.
    """
    value = row.get(name)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and name in ("doc_id", "published"):
        return str(value)
    kind = {list: "a list", dict: "an object", bool: "true/false", float: "a number", int: "a number"}.get(
        type(value), type(value).__name__)
    raise InputError(f"{name} must be a string, not {kind}", where=where)


def _text_problem(value: str) -> str | None:
    if "\x00" in value:
        return "contains a NUL character (\\u0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"contains a lone surrogate (\\u{ord(value[exc.start]):04x}), which is not a character"
    return None


def checked(doc: Document, *, where: str) -> Document:
    """``doc`` when it keeps every rule, with ``published`` normalised to ISO; else an InputError at ``where``."""
    for name in _FIELDS:
        value = getattr(doc, name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"{name} must be a string, not {type(value).__name__}", where=where)
        problem = _text_problem(value)
        if problem:
            raise InputError(f"{name} {problem}", where=where)
        limit = MAX_TEXT if name == "text" else MAX_DOC_ID if name == "doc_id" else MAX_FIELD
        if len(value) > limit:
            raise InputError(f"{name} is {len(value):,} characters long, more than the {limit:,} accepted", where=where,
                             hint="split the text into several documents" if name == "text" else None)
    if not doc.doc_id.strip():
        raise InputError("doc_id is empty", where=where)
    if not doc.text.strip():
        raise InputError("document has no text", where=where)
    published = doc.published
    if published is not None and published.strip():
        from ..resolve.dates import parse_published

        iso = parse_published(published)
        shaped = _ISO_SHAPE.match(published.strip())
        if shaped and not is_date(shaped.group(1)):
            iso = None  # 2011-13-45 is a wrong date, not a text that merely mentions 2011
        if iso is None:
            raise InputError(f"published {published[:40]!r} is not a date", where=where,
                             hint="use an ISO date such as 2011-12-17, or leave it out")
        published = iso
    else:
        published = None
    if published != doc.published:
        from dataclasses import replace

        doc = replace(doc, published=published)
    return doc
