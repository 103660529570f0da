"""Language identification, restricted to the languages contention has packs for (plus a few neighbours)."""
from __future__ import annotations

import functools
from dataclasses import replace

from ..records import Document

# lingua names of the languages we detect; more than the packs so that an unsupported
# language is named, not mistaken for a supported one.
_LINGUA = {
    "ENGLISH": "en", "RUSSIAN": "ru", "KAZAKH": "kk", "UKRAINIAN": "uk", "SPANISH": "es", "FRENCH": "fr",
    "GERMAN": "de", "PORTUGUESE": "pt", "ITALIAN": "it", "POLISH": "pl", "ESTONIAN": "et",
    "BELARUSIAN": "be", "TURKISH": "tr", "ARABIC": "ar", "PERSIAN": "fa", "CHINESE": "zh", "UZBEK": "uz",
    "ARMENIAN": "hy", "GEORGIAN": "ka", "AZERBAIJANI": "az", "MONGOLIAN": "mn",
    "DUTCH": "nl", "SWEDISH": "sv", "DANISH": "da", "BOKMAL": "nb", "FINNISH": "fi", "CZECH": "cs", "SLOVAK": "sk",
    "HUNGARIAN": "hu", "ROMANIAN": "ro", "BULGARIAN": "bg", "SERBIAN": "sr", "CROATIAN": "hr", "LITHUANIAN": "lt",
    "LATVIAN": "lv", "GREEK": "el", "HEBREW": "he", "HINDI": "hi", "INDONESIAN": "id", "VIETNAMESE": "vi",
    "JAPANESE": "ja", "KOREAN": "ko", "CATALAN": "ca",
}


@functools.lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder
    langs = [getattr(Language, name) for name in _LINGUA if hasattr(Language, name)]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when it cannot be told."""
    sample = text[:2000]
    if not any(ch.isalpha() for ch in sample):
        return None
    lang = _detector().detect_language_of(sample)
    return _LINGUA.get(lang.name) if lang is not None else None


def with_language(doc: Document) -> Document:
    """The document with ``lang`` set (detected when missing)."""
    if doc.lang:
        return doc
    return replace(doc, lang=detect_language(doc.text))
