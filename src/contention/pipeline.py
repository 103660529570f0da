"""The pipeline: ingest -> extract -> resolve -> link, as pure functions over batches of documents."""
from __future__ import annotations

from typing import Iterable, Iterator

from .extract.extractor import extract_document
from .ingest.language import with_language
from .records import DocResult, Document


def extract_documents(docs: Iterable[Document]) -> Iterator[DocResult]:
    """Code each document (language detected when missing)."""
    for doc in docs:
        yield extract_document(with_language(doc))


def extract_batch(docs: list[Document]) -> list[DocResult]:
    """The unit of work an engine maps over: a batch of documents in, their results out."""
    return list(extract_documents(docs))
