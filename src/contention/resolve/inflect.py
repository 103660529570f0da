"""Inflected surface forms of place names (ru, uk, kk, pl), made by rule.

We generate forms instead of lemmatizing the text: pymorphy guesses unknown
Kazakh toponyms differently in each case (see shared/notes/stack.md), so the
gazetteer stores "Жанаозене", "Мангистауской области", "Жаңаөзенде",
"w Mińsku" as surface forms. Over-generation is harmless (a wrong form never
occurs in text); under-generation costs recall.
"""
from __future__ import annotations

from collections.abc import Iterable

CASES = ("gen", "dat", "acc", "ins", "loc")
_HUSHING = set("гкхжшщчц")
_RU_VOWELS = set("аеёиоуыэюяіїєәөүұ")
_RU_INDECLINABLE = set("оеиуыюэёі")
_Paradigm = dict[str, tuple[str, ...]]

# noun endings by final letter: case -> endings replacing the final letter ("" keeps it)
_RU_NOUN: dict[str, _Paradigm] = {
    "а": {"gen": ("ы", "и"), "dat": ("е",), "acc": ("у",), "ins": ("ой", "ою"), "loc": ("е",)},
    "я": {"gen": ("и",), "dat": ("е", "и"), "acc": ("ю",), "ins": ("ей", "ею"), "loc": ("е", "и")},
    "ь": {"gen": ("и", "я"), "dat": ("и", "ю"), "acc": ("ь", "я"), "ins": ("ью", "ем"), "loc": ("и", "е")},
    "й": {"gen": ("я",), "dat": ("ю",), "acc": ("й",), "ins": ("ем",), "loc": ("е", "и")},
}
_RU_CONSONANT: _Paradigm = {"gen": ("а",), "dat": ("у",), "acc": ("",), "ins": ("ом", "ем"), "loc": ("е",)}
# adjective endings: two final letters -> case -> endings replacing them
_RU_ADJ: dict[str, _Paradigm] = {
    "ая": {"gen": ("ой",), "dat": ("ой",), "acc": ("ую",), "ins": ("ой", "ою"), "loc": ("ой",)},
    "яя": {"gen": ("ей",), "dat": ("ей",), "acc": ("юю",), "ins": ("ей", "ею"), "loc": ("ей",)},
    "ый": {"gen": ("ого",), "dat": ("ому",), "acc": ("ый",), "ins": ("ым",), "loc": ("ом",)},
    "ий": {"gen": ("ого", "его"), "dat": ("ому", "ему"), "acc": ("ий",), "ins": ("им",), "loc": ("ом", "ем")},
    "ой": {"gen": ("ого",), "dat": ("ому",), "acc": ("ой",), "ins": ("ым", "им"), "loc": ("ом",)},
    "ое": {"gen": ("ого",), "dat": ("ому",), "acc": ("ое",), "ins": ("ым", "им"), "loc": ("ом",)},
    "ее": {"gen": ("его",), "dat": ("ему",), "acc": ("ее",), "ins": ("им",), "loc": ("ем",)},
    "ые": {"gen": ("ых",), "dat": ("ым",), "acc": ("ые",), "ins": ("ыми",), "loc": ("ых",)},
    "ие": {"gen": ("их",), "dat": ("им",), "acc": ("ие",), "ins": ("ими",), "loc": ("их",)},
}
_UK_NOUN: dict[str, _Paradigm] = {
    "а": {"gen": ("и", "і"), "dat": ("і",), "acc": ("у",), "ins": ("ою", "ею"), "loc": ("і",)},
    "я": {"gen": ("ї", "і"), "dat": ("ї", "і"), "acc": ("ю",), "ins": ("єю", "ею"), "loc": ("ї", "і")},
    "ь": {"gen": ("і", "я"), "dat": ("і", "ю"), "acc": ("ь",), "ins": ("ю", "ем"), "loc": ("і",)},
    "й": {"gen": ("ю", "я"), "dat": ("ю",), "acc": ("й",), "ins": ("єм", "ем"), "loc": ("ї", "і")},
}
_UK_CONSONANT: _Paradigm = {"gen": ("а", "у"), "dat": ("у", "ові"), "acc": ("",), "ins": ("ом", "ем"),
                            "loc": ("і", "у")}
_UK_ADJ: dict[str, _Paradigm] = {
    "ка": {"gen": ("кої",), "dat": ("кій",), "acc": ("ку",), "ins": ("кою",), "loc": ("кій",)},
    "на": {"gen": ("ної",), "dat": ("ній",), "acc": ("ну",), "ins": ("ною",), "loc": ("ній",)},
    "ий": {"gen": ("ого",), "dat": ("ому",), "acc": ("ий",), "ins": ("им",), "loc": ("ому", "ім")},
}


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _apply(word: str, cut: int, paradigm: _Paradigm) -> dict[str, set[str]]:
    stem = word[: len(word) - cut] if cut else word
    return {case: {stem + ending for ending in endings} for case, endings in paradigm.items()}


def _ru_word(word: str, *, last: bool) -> dict[str, set[str]]:
    low = word.lower()
    if "-" in word:  # decline the last segment only: Нур-Султан, Восточно-Казахстанская
        head, _, tail = word.rpartition("-")
        return {c: {f"{head}-{f}" for f in fs} for c, fs in _ru_word(tail, last=last).items()}
    if len(low) >= 5 and low[-2:] in _RU_ADJ and (not last or low[-2:] not in ("ое", "ее")):
        return _apply(word, 2, _RU_ADJ[low[-2:]])
    if low[-1] in _RU_NOUN:
        forms = _apply(word, 1, _RU_NOUN[low[-1]])
        if low[-1] == "а" and len(low) > 1 and low[-2] in _HUSHING:
            forms["gen"] = {word[:-1] + "и"}
        return forms
    if low[-1] in _RU_INDECLINABLE or low[-1] in "ъ" or not low[-1].isalpha():
        return {case: {word} for case in CASES}
    return _apply(word, 0, _RU_CONSONANT)


def _uk_word(word: str, *, last: bool) -> dict[str, set[str]]:
    low = word.lower()
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return {c: {f"{head}-{f}" for f in fs} for c, fs in _uk_word(tail, last=last).items()}
    if low[-2:] in _UK_ADJ and (not last or low[-2:] == "ий") and len(low) >= 5:
        return _apply(word, 2, _UK_ADJ[low[-2:]])
    if low[-1] in _UK_NOUN:
        forms = _apply(word, 1, _UK_NOUN[low[-1]])
        if low[-1] == "ь" and len(word) > 2:  # Білорусь -> Білоруссю
            forms["ins"] = forms["ins"] | {word[:-1] + word[-2] + "ю"}
        return forms
    if low[-1] in _RU_INDECLINABLE:
        return {case: {word} for case in CASES}
    if len(low) > 3 and low[-2:] in ("ів", "їв"):  # Київ -> Києва, Львів -> Львова
        stem = word[:-2] + ("є" if low[-2] == "ї" else "о") + word[-1]
        return _apply(stem, 0, _UK_CONSONANT)
    return _apply(word, 0, _UK_CONSONANT)


def _phrase_forms(name: str, word_rule) -> set[str]:  # type: ignore[no-untyped-def]
    words = name.split()
    if not words or any(not w.strip("-") or w.endswith("-") or not w[-1].isalpha() for w in words):
        return set()
    per_word = [word_rule(w, last=i == len(words) - 1) for i, w in enumerate(words)]
    out: set[str] = set()
    for case in CASES:
        combos = [""]
        for forms in per_word:
            combos = [f"{c} {f}".strip() for c in combos for f in sorted(forms[case])][:16]
        out.update(combos)
    out.discard(name)
    return out


def russian_forms(name: str) -> set[str]:
    """Oblique-case forms of a Russian (Cyrillic) place name: Москва -> Москве, Москвы, ..."""
    if not name or not _is_cyrillic(name):
        return set()
    return _phrase_forms(name, _ru_word)


def ukrainian_forms(name: str) -> set[str]:
    """Oblique-case forms of a Ukrainian place name: Київ -> Києва, Києві, ..."""
    if not name or not _is_cyrillic(name):
        return set()
    return _phrase_forms(name, _uk_word)


# ---------------------------------------------------------------- Kazakh
_KK_BACK = set("аоұыяёэю")
_KK_FRONT = set("әөүіеи")
_KK_VOICELESS = set("кқпстфхцчшщ")
_KK_NASAL = set("мнң")
_KK_FIXED = {  # possessive head nouns: the case forms are fixed strings
    "облысы": ("облысында", "облысының", "облысынан", "облысына", "облысындағы", "облысын"),
    "қаласы": ("қаласында", "қаласының", "қаласынан", "қаласына", "қаласындағы", "қаласын"),
    "ауданы": ("ауданында", "ауданының", "ауданынан", "ауданына", "ауданындағы", "ауданын"),
}


def _kk_front(word: str) -> bool:
    low = word.lower()
    for i in range(len(low) - 1, -1, -1):
        ch = low[i]
        if ch in "уи" and i > 0 and low[i - 1] in _KK_BACK | _KK_FRONT:
            continue  # у/и after a vowel are glides: Ақтау, Мәскеу
        if ch in _KK_FRONT:
            return True
        if ch in _KK_BACK or ch in "у":
            return False
    return False


def _kk_suffixes(word: str) -> list[str]:
    front, last = _kk_front(word), word[-1].lower()
    vowel = last in _KK_BACK | _KK_FRONT and not (last in "уи" and len(word) > 1 and word[-2].lower() in _KK_BACK | _KK_FRONT)
    if vowel:
        kind = "vowel"
    elif last in _KK_VOICELESS:
        kind = "voiceless"
    elif last in _KK_NASAL:
        kind = "nasal"
    else:
        kind = "voiced"
    table = {
        "vowel": ("да", "дан", "ның", "ға", "ны", "мен", "дағы"),
        "voiced": ("да", "дан", "дың", "ға", "ды", "мен", "дағы"),
        "nasal": ("да", "нан", "ның", "ға", "ды", "бен", "дағы"),
        "voiceless": ("та", "тан", "тың", "қа", "ты", "пен", "тағы"),
    }[kind]
    if front:
        swap = str.maketrans({"а": "е", "ы": "і", "ғ": "г", "қ": "к"})
        table = tuple(s.translate(swap) for s in table)
    return [word + s for s in table]


def kazakh_forms(name: str, *, city: bool = False) -> set[str]:
    """Case forms of a Kazakh place name: Жаңаөзен -> Жаңаөзенде (and Жаңаөзен қаласында when ``city``)."""
    if not name or not _is_cyrillic(name):
        return set()
    head, _, last = name.rpartition(" ")
    low = last.lower()
    if low in _KK_FIXED:
        return {f"{head} {f}" for f in _KK_FIXED[low]}
    prefix = f"{head} " if head else ""
    out = {prefix + f for f in _kk_suffixes(last)}
    if city:
        out.update(f"{name} {f}" for f in ("қаласы", *_KK_FIXED["қаласы"]))
    return out


# ---------------------------------------------------------------- Polish
_PL_SOFTEN = {"t": "cie", "d": "dzie", "n": "nie", "r": "rze", "ł": "le", "s": "sie", "z": "zie", "w": "wie",
              "m": "mie", "b": "bie", "p": "pie", "f": "fie", "st": "ście", "sk": "sku", "k": "ku", "g": "gu",
              "ch": "chu"}
_PL_SOFT_FINAL = {"ć": "ci", "ś": "si", "ń": "ni", "ź": "zi", "dź": "dzi"}


def _pl_locative(stem: str) -> str:
    for tail in ("st", "sk", "ch", "t", "d", "n", "r", "ł", "s", "z", "w", "m", "b", "p", "f", "k", "g"):
        if stem.endswith(tail):
            return stem[: len(stem) - len(tail)] + _PL_SOFTEN[tail]
    return stem + "u"


def polish_forms(name: str) -> set[str]:
    """Oblique-case forms of a Polish place name: Mińsk -> Mińsku, Grodno -> Grodnie, Białoruś -> Białorusi."""
    if not name or _is_cyrillic(name) or " " in name:
        return set()
    low = name.lower()
    last = low[-1]
    if last in _PL_SOFT_FINAL.values() or low[-2:] in _PL_SOFT_FINAL or last in _PL_SOFT_FINAL:
        cut = 2 if low[-2:] in _PL_SOFT_FINAL else 1
        soft = name[:-cut] + _PL_SOFT_FINAL[low[-cut:]]
        return {soft, soft + "a", soft + "u", soft + "ą", soft + "ą", soft + "em"}
    if last == "a":
        stem = name[:-1]
        if stem.lower().endswith(("j", "i")):  # Rosja -> Rosji, Azja -> Azji
            return {stem[:-1] + "ji" if stem.endswith("j") else stem + "i", stem + "ę", stem + "ą"}
        gen = stem + ("i" if stem[-1:].lower() in "kg" else "y")
        loc = _pl_locative(stem) if stem[-1:].lower() not in "kg" else stem[:-1] + ("ce" if stem[-1] == "k" else "dze")
        if loc.endswith("u"):
            loc = stem + "y"
        return {gen, loc, stem + "ę", stem + "ą"}
    if last == "o":
        stem = name[:-1]
        return {stem + "a", _pl_locative(stem), stem + "em", stem + "u"}
    if last in "aeiouyąęó":
        return set()
    if len(low) > 3 and low[-2] == "ó":  # Kraków -> Krakowa, Kijów -> Kijowie
        name = name[:-2] + "o" + name[-1]
    return {name + "a", name + "u", _pl_locative(name), name + "em", name + "iem"}


def all_forms(name: str, langs: Iterable[str] = ("ru", "uk", "kk"), *, city: bool = False) -> set[str]:
    """Union of the inflected forms of ``name`` for the given languages (ru, uk, kk, pl)."""
    out: set[str] = set()
    for lang in langs:
        if lang == "kk":
            out |= kazakh_forms(name, city=city)
        else:
            out |= {"ru": russian_forms, "uk": ukrainian_forms, "pl": polish_forms}[lang](name)
    return out
