"""How the press of other languages writes a Cyrillic place name: "Жанаозен" is "Schanaosen" in German, "Хорог"
"Chorog"; "Ланчхути" is "Lantšhuti" in Estonian, "Шымкент" "Szymkent" in Polish and "Chymkent" in French.

Each language transliterates Russian (and Kazakh, Ukrainian) names by its own conventions, and GeoNames lists few of
these spellings for towns below the largest. ``scripts/build_gazetteer.py`` builds them for the towns and regions of
the focus countries, as forms that count only in texts of that language (``LANGS``). The tables follow the common
press conventions (German Duden, Polish and Estonian transcription, French and Spanish press usage); a name's own
spelling in a language, where GeoNames has it, wins over these (the build only adds spellings no place holds).
"""
from __future__ import annotations

import re

#: languages whose transliterations are built
LANGS = ("de", "et", "pl", "fr", "es")

_VOWELS = set("аеёиоуыэюяәөұүіїє")
_UKRAINIAN = set("іїєґ")

# plain letters: one spelling each, per language (context rules below for е ё ю я и й л с х ь): the letters every
# language writes alike, then each language's own
_SAME = {"а": "a", "б": "b", "г": "g", "д": "d", "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t",
         "ф": "f", "э": "e", "ғ": "g", "қ": "k", "ң": "n", "һ": "h", "і": "i", "ґ": "g", "с": "s"}
_OWN = {
    "de": {"в": "w", "ж": "sch", "з": "s", "у": "u", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ы": "y",
           "ә": "ä", "ө": "ö", "ұ": "u", "ү": "ü", "ї": "ji", "є": "je", "х": "ch"},
    "et": {"в": "v", "ж": "ž", "з": "z", "у": "u", "ц": "ts", "ч": "tš", "ш": "š", "щ": "štš", "ы": "õ",
           "ә": "ä", "ө": "ö", "ұ": "u", "ү": "ü", "ї": "ji", "є": "je"},
    "pl": {"в": "w", "ж": "ż", "з": "z", "у": "u", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ы": "y",
           "ә": "a", "ө": "o", "ұ": "u", "ү": "u", "ї": "ji", "є": "je", "х": "ch"},
    "fr": {"в": "v", "ж": "j", "з": "z", "у": "ou", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ы": "y",
           "ә": "a", "ө": "o", "ұ": "ou", "ү": "u", "ї": "ï", "є": "ie", "х": "kh"},
    "en": {"в": "v", "ж": "zh", "з": "z", "у": "u", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y",
           "ә": "a", "ө": "o", "ұ": "u", "ү": "u", "ї": "yi", "є": "ye", "х": "kh"},
    "es": {"в": "v", "ж": "zh", "з": "z", "у": "u", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ы": "y",
           "ә": "a", "ө": "o", "ұ": "u", "ү": "u", "ї": "i", "є": "ie", "х": "j"},
}
_PLAIN = {lang: _SAME | own for lang, own in _OWN.items()}
# iotated vowels: (after a consonant, at a word start or after a vowel / soft or hard sign)
_IOTATED = {
    "de": {"е": ("e", "je"), "ё": ("jo", "jo"), "ю": ("ju", "ju"), "я": ("ja", "ja")},
    "et": {"е": ("e", "je"), "ё": ("jo", "jo"), "ю": ("ju", "ju"), "я": ("ja", "ja")},
    "pl": {"е": ("e", "je"), "ё": ("io", "jo"), "ю": ("iu", "ju"), "я": ("ia", "ja")},
    "fr": {"е": ("e", "ie"), "ё": ("io", "io"), "ю": ("iou", "iou"), "я": ("ia", "ia")},
    "es": {"е": ("e", "ie"), "ё": ("io", "io"), "ю": ("iu", "iu"), "я": ("ia", "ia")},
    "en": {"е": ("e", "ye"), "ё": ("yo", "yo"), "ю": ("yu", "yu"), "я": ("ya", "ya")},
}
_HARD_AFTER = set("жшчщц")  # Polish: "и" after these is "y" ("Żytomierz"); "ё" is "o"
_CYRILLIC_NAME = re.compile(r"[\u0400-\u04ff]+(?:[\s\-’'][\u0400-\u04ff]+)*")  # words of Cyrillic letters only


def transliterate(name: str, lang: str) -> str | None:
    """``name`` (Cyrillic) as ``lang``'s press writes it, capitalised as written; None for a name that is not all
    Cyrillic or a language without a table."""
    if lang not in _PLAIN or not _CYRILLIC_NAME.fullmatch(name) or len(name) < 2:
        return None
    ukrainian = bool(_UKRAINIAN & set(name.lower()))
    out: list[str] = []
    low = name.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        out.append(_letter(ch, prev, nxt, lang, ukrainian))
    text = "".join(out)
    # keep the name's capitals: each word (and hyphenated part) that starts with a capital in Cyrillic
    parts = re.split(r"([\s\-]+)", text)
    src = re.split(r"([\s\-]+)", name)
    if len(parts) != len(src):
        return None
    fixed = [p[:1].upper() + p[1:] if s[:1].isupper() else p for p, s in zip(parts, src, strict=True)]
    result = "".join(fixed)
    return result if len(result) >= 3 else None


def _letter(ch: str, prev: str, nxt: str, lang: str, ukrainian: bool) -> str:
    start = not prev or not prev.isalpha() or prev in _VOWELS or prev in "ьъ"
    if ch in _IOTATED[lang]:
        if lang == "pl" and ch == "ё" and prev in _HARD_AFTER:
            return "o"
        if lang == "pl" and prev == "л" and not start:
            return _IOTATED[lang][ch][0].lstrip("i") or "e"
        if ukrainian and ch == "е":
            return "e"
        return _IOTATED[lang][ch][1 if start else 0]
    if ch in "ьъ":
        return ""
    if ch == "и":
        if ukrainian:
            return "õ" if lang == "et" else "y"
        return "y" if lang == "pl" and prev in _HARD_AFTER else "i"
    if ch == "й":
        if prev in "иы" and not nxt.isalpha():  # "-ский", "Красный": "-ski", "Krasny"
            return ""
        if lang == "fr":
            return "ï" if prev in _VOWELS and nxt in _VOWELS else "i"
        return {"es": "i", "en": "y"}.get(lang, "j")
    if ch == "г" and ukrainian:
        return "h"
    if ch == "л":  # Polish: soft "l" before е ё и ю я ь і, else "ł"
        return "l" if lang != "pl" or nxt in "еёиюяьіїє" else "ł"
    if ch == "с" and lang in ("de", "fr"):
        return "ss" if prev in _VOWELS and nxt in _VOWELS else "s"
    if ch == "х" and lang == "et":
        return "hh" if prev in _VOWELS and nxt in _VOWELS else "h"
    if ch in _PLAIN[lang]:
        return _PLAIN[lang][ch]
    return ch if not ch.isalpha() else ""
