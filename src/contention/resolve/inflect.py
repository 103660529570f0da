"""Inflected surface forms of place names (ru, uk, kk, pl, et, de), made by rule.

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
#: Ukrainian velars that soften before the dative and locative "-і": г -> з, к -> ц, х -> с
_UK_VELAR = {"г": "з", "к": "ц", "х": "с"}
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
    if "-на-" in low or "-над-" in low:  # Ростов-на-Дону -> Ростове-на-Дону: the head declines
        head, sep, tail = word.partition("-на-" if "-на-" in low else "-над-")
        return {c: {f"{f}{sep}{tail}" for f in fs} for c, fs in _ru_word(head, last=last).items()}
    if "-" in word:  # decline the last segment only: Нур-Султан, Восточно-Казахстанская
        head, _, tail = word.rpartition("-")
        return {c: {f"{head}-{f}" for f in fs} for c, fs in _ru_word(tail, last=last).items()}
    if last and len(low) >= 5 and low[-1] in "ыи" and low[-2] not in _RU_VOWELS:  # Черкассы -> Черкассах
        stem, soft = word[:-1], low[-1] == "и" and low[-2] not in _HUSHING
        # the locative only: the dative/instrumental plurals are common nouns ("Делам", "Мостами")
        return {"gen": set(), "dat": set(), "acc": {word}, "ins": set(), "loc": {stem + ("ях" if soft else "ах")}}
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
        if low[-1] == "а" and low[-2:-1] in _UK_VELAR:  # Рига -> Ризі, Америка -> Америці (not "Ригі")
            soft = word[:-2] + _UK_VELAR[low[-2]] + "і"
            forms["gen"], forms["dat"], forms["loc"] = {word[:-1] + "и"}, {soft}, {soft}
        return forms
    if last and len(low) >= 6 and low[-1] == "о" and low[-2] not in _RU_VOWELS:  # Дніпро -> Дніпрі, Дніпра (not Вікно)
        stem = word[:-1]
        return {"gen": {stem + "а"}, "dat": {stem + "у", stem + "ові"}, "acc": {word}, "ins": {stem + "ом"},
                "loc": {stem + "і", stem + "ові"}}
    if len(low) >= 5 and low[-2:] in ("не", "ве", "ке") and low[-3] not in _RU_VOWELS | {"ь"}:  # Рівне -> Рівному
        stem = word[:-1]
        return {"gen": {stem + "ого"}, "dat": {stem + "ому"}, "acc": {word}, "ins": {stem + "им"}, "loc": {stem + "ому", stem + "ім"}}
    if last and len(low) >= 4 and low[-1] in "иі" and low[-2] not in _RU_VOWELS:  # Черкаси -> Черкасах, Чернівці -> Чернівцях
        stem, soft = word[:-1], low[-1] == "і"
        return {"gen": {stem + "ів"} if low[-2] == "ц" else set(), "dat": set(), "acc": {word}, "ins": set(),
                "loc": {stem + ("ях" if soft else "ах")}}
    if low[-1] in _RU_INDECLINABLE:
        return {case: {word} for case in CASES}
    if len(low) > 3 and low[-2:] in ("ів", "їв"):  # Київ -> Києва, Львів -> Львова
        stem = word[:-2] + ("є" if low[-2] == "ї" else "о") + word[-1]
        return _apply(stem, 0, _UK_CONSONANT)
    forms = _apply(word, 0, _UK_CONSONANT)
    if low[-1] == "г":  # Петербург -> Петербурзі, Гонконг -> Гонконзі (beside "Гонконгу")
        forms["loc"] = {word + "у", word[:-1] + "зі"}
    return forms


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


_PL_VOWELS = set("aeiouyąęó")
#: irregular names: all their oblique forms (plural countries, mobile vowels)
_PL_IRREGULAR: dict[str, tuple[str, ...]] = {
    "polska": ("Polski", "Polsce", "Polskę", "Polską"),
    "niemcy": ("Niemiec", "Niemczech", "Niemcom", "Niemcami"),
    "węgry": ("Węgier", "Węgrzech", "Węgrom", "Węgrami"),
    "włochy": ("Włoszech", "Włochom", "Włochami"),
    "czechy": ("Czechach", "Czechom", "Czechami"),
    "wiedeń": ("Wiednia", "Wiedniu", "Wiedniem"),
    "białystok": ("Białegostoku", "Białymstoku", "Białemustokowi", "Białymstokiem"),
    "stany zjednoczone": ("Stanach Zjednoczonych", "Stanów Zjednoczonych", "Stanom Zjednoczonym",
                          "Stanami Zjednoczonymi", "USA"),
}


def _pl_noun(word: str) -> dict[str, set[str]]:
    """Case forms of one Polish noun (the name itself is not included)."""
    low = word.lower()
    if len(low) < 3:
        return {case: set() for case in CASES}
    last = low[-1]
    cut = 2 if low[-2:] in _PL_SOFT_FINAL else 1 if last in _PL_SOFT_FINAL else 0
    if cut:  # Białoruś -> Białorusi, Poznań -> Poznaniu, Brześć -> Brześciu
        stems = {word[:-cut]}
        if low[-cut - 1 : -cut] == "ó":  # Łódź -> Łodzi
            stems.add(word[: -cut - 1] + "o")
        softs = {st + _PL_SOFT_FINAL[low[-cut:]] for st in stems}
        return {"gen": softs | {x + "a" for x in softs}, "dat": {x + "owi" for x in softs}, "acc": set(),
                "ins": {x + e for x in softs for e in ("ą", "em")}, "loc": softs | {x + "u" for x in softs}}
    if last == "a":
        stem = word[:-1]
        if stem.lower().endswith(("j", "i")):  # Rosja -> Rosji, Gdynia -> Gdyni, Słowenia -> Słowenii
            obl = {stem[:-1] + "ji"} if stem.endswith("j") else {stem, stem + "i"}
            return {"gen": obl, "dat": obl, "acc": {stem + "ę"}, "ins": {stem + "ą"}, "loc": obl}
        gen = stem + ("i" if stem[-1:].lower() in "kgl" else "y")
        loc = _pl_locative(stem) if stem[-1:].lower() not in "kg" else stem[:-1] + ("ce" if stem[-1] == "k" else "dze")
        if loc.endswith("u"):  # Bydgoszcz-a, Wola -> Woli
            loc = gen
        return {"gen": {gen}, "dat": {loc}, "acc": {stem + "ę"}, "ins": {stem + "ą"}, "loc": {loc}}
    if last == "o":  # Grodno -> Grodnie, Opole -> (e below)
        stem = word[:-1]
        return {"gen": {stem + "a"}, "dat": {stem + "u"}, "acc": set(), "ins": {stem + "em"},
                "loc": {_pl_locative(stem), stem + "u"}}
    if last == "e" and len(low) > 4:
        stem = word[:-1]
        if low.endswith("ce"):  # Katowice -> Katowicach, Kielce -> Kielcach (plural)
            return {"gen": {stem}, "dat": {stem + "om"}, "acc": set(), "ins": {stem + "ami"}, "loc": {stem + "ach"}}
        return {"gen": {stem + "a"}, "dat": {stem + "u"}, "acc": set(), "ins": {stem + "em"}, "loc": {stem + "u"}}  # Opole
    if last in "yi" and len(low) > 4 and low[-2] not in _PL_VOWELS:  # Tychy -> Tychach, Suwałki -> Suwałkach
        stem = word[:-1]
        return {"gen": set(), "dat": {stem + "om"}, "acc": set(), "ins": {stem + "ami"}, "loc": {stem + "ach"}}
    if last in _PL_VOWELS:
        return {case: set() for case in CASES}
    if len(low) > 3 and low[-2] == "ó":  # Kraków -> Krakowa, Kijów -> Kijowie
        word = word[:-2] + "o" + word[-1]
    gen = {word + "a", word + "u"}
    loc = {_pl_locative(word), word + "u"}
    if low.endswith("ław"):  # Wrocław -> Wrocławia, Wrocławiu
        gen.add(word + "ia")
        loc.add(word + "iu")
    return {"gen": gen, "dat": {word + "owi", word + "u"}, "acc": set(),
            "ins": {word + "em", word + "iem"}, "loc": loc}


def _pl_adjective(word: str) -> dict[str, set[str]] | None:
    """Case forms of a Polish adjective in a name (Zielona, Nowy, Wielkopolski), or None."""
    low = word.lower()
    if len(low) < 4:
        return None
    if low[-1] == "a":  # Zielona Góra -> Zielonej Górze
        stem = word[:-1]
        return {"gen": {stem + "ej"}, "dat": {stem + "ej"}, "acc": {stem + "ą"}, "ins": {stem + "ą"}, "loc": {stem + "ej"}}
    if low[-1] in "yi":  # Nowy Sącz -> Nowym Sączu, Gorzów Wielkopolski -> Gorzowie Wielkopolskim
        stem, i = word[:-1], ("i" if low[-1] == "i" else "")
        return {"gen": {stem + i + "ego"}, "dat": {stem + i + "emu"}, "acc": {word}, "ins": {word + "m"},
                "loc": {word + "m"}}
    if low[-1] == "e" and low[-2] in "nwk":  # Stany Zjednoczone, Góry Stołowe
        stem = word[:-1]
        return {"gen": {stem + "ych"}, "dat": {stem + "ym"}, "acc": {word}, "ins": {stem + "ymi"}, "loc": {stem + "ych"}}
    return None


def _pl_word(word: str, *, multi: bool) -> dict[str, set[str]]:
    if "-" in word:  # Kędzierzyn-Koźle, Jastrzębie-Zdrój: decline the parts together
        parts = [_pl_word(p, multi=True) for p in word.split("-")]
        return {c: {"-".join(combo) for combo in _combos([sorted(p[c] or {w}) for p, w in zip(parts, word.split("-"))])}
                for c in CASES}
    noun = _pl_noun(word)
    adj = _pl_adjective(word) if multi else None
    return {c: noun[c] | (adj[c] if adj else set()) | ({word} if not noun[c] and not adj else set()) for c in CASES}


def _combos(options: list[list[str]], limit: int = 16) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for opts in options:
        out = [(*o, x) for o in out for x in opts][:limit]
    return out


def irregular(name: str, lang: str) -> bool:
    """The name's case forms are listed by hand (``_PL_IRREGULAR``): they are made even for a name that is also a
    common word ("Polska" = Polish: "w Polsce" is only ever the country)."""
    return lang == "pl" and name.lower() in _PL_IRREGULAR


def polish_forms(name: str) -> set[str]:
    """Oblique-case forms of a Polish place name: Mińsk -> Mińsku, Zielona Góra -> Zielonej Górze, Katowice -> Katowicach."""
    if not name or _is_cyrillic(name) or not name[-1].isalpha():
        return set()
    if name.lower() in _PL_IRREGULAR:
        return set(_PL_IRREGULAR[name.lower()])
    words = name.split()
    if len(words) > 3 or any(not part or not part[-1].isalpha() for w in words for part in w.split("-")):
        return set()
    per_word = [_pl_word(w, multi=len(words) > 1) for w in words]
    out: set[str] = set()
    for case in CASES:
        out.update(" ".join(c) for c in _combos([sorted(p[case]) for p in per_word]))
    out.discard(name)
    return out


# ---------------------------------------------------------------- Estonian
_ET_VOWELS = set("aeiouõäöüy")
#: genitive stems that no rule gives (the case endings go on the genitive)
_ET_GENITIVE = {"tallinn": "tallinna", "taškent": "taškendi", "vabariik": "vabariigi", "kuningriik": "kuningriigi",
                "ühendkuningriik": "ühendkuningriigi", "peking": "pekingi"}
#: plural names: their genitive plural (Ameerika Ühendriigid -> Ameerika Ühendriikides)
_ET_PLURAL = {"ühendriigid": "ühendriikide", "ühendemiraadid": "ühendemiraatide", "saared": "saarte", "madalmaad": "madalmaade"}
#: short illatives ("Lätti sõitma"); others equal the genitive (Tallinna, Narva) or take -sse
_ET_SHORT_ILLATIVE = {"läti": "lätti", "leedu": "leetu", "soome": "soome", "rootsi": "rootsi"}
_ET_ENDINGS = ("s", "st", "sse", "l", "le", "lt", "ga", "ni", "ks")


def _et_genitive(word: str) -> set[str]:
    low = word.lower()
    if low in _ET_GENITIVE:
        return {word[0] + _ET_GENITIVE[low][1:]}
    if low[-1] in _ET_VOWELS:  # Tartu, Narva, Venemaa, Eesti: genitive = nominative
        return {word}
    if len(low) > 3 and low[-1] == low[-2]:  # Tallinn -> Tallinna, Jeruusalemm -> Jeruusalemma
        return {word + "a"}
    if low[-1] == "s" and low[-2] in "aeiou" and low[-3] not in _ET_VOWELS | {low[-2]} or low.endswith("ius"):
        return {word + "e"}  # Vilnius -> Vilniuse, Egiptus -> Egiptuse, Kaunas -> Kaunase
    if low.endswith("nt"):  # Taškent -> Taškendi (also Taškenti)
        return {word + "i", word[:-1] + "di"}
    return {word + "i"}  # Kasahstan -> Kasahstani, Minsk -> Minski, Pariis -> Pariisi


def _et_word(word: str) -> set[str]:
    low = word.lower()
    if low in _ET_PLURAL:
        gen = word[0] + _ET_PLURAL[low][1:]
        return {gen, *(gen + e for e in _ET_ENDINGS)}
    out: set[str] = set()
    for gen in _et_genitive(word):
        out.add(gen)
        out.update(gen + e for e in _ET_ENDINGS)
        out.add(gen + ("d" if gen[-1:].lower() in _ET_VOWELS and gen[-2:-1].lower() == gen[-1:].lower() else "t"))
    if low in _ET_SHORT_ILLATIVE:
        out.add(word[0] + _ET_SHORT_ILLATIVE[low][1:])
    return out


def estonian_forms(name: str) -> set[str]:
    """Case forms of an Estonian place name: Tallinn -> Tallinnas, Tartu -> Tartust, Venemaa -> Venemaal."""
    if not name or _is_cyrillic(name) or not name[-1].isalpha():
        return set()
    cut = max(name.rfind(" "), name.rfind("-"))
    head, last = name[: cut + 1], name[cut + 1 :]
    if len(last) < 4 and not head:  # "Loo", "Aa": their case forms are common words
        return set()
    out = {head + f for f in _et_word(last)}
    out.discard(name)
    return out


# ---------------------------------------------------------------- German
def german_forms(name: str) -> set[str]:
    """The German genitive of a one-word name: Moskau -> Moskaus, Kasachstan -> Kasachstans."""
    if not name or " " in name or _is_cyrillic(name) or len(name) < 4 or name[-1].lower() in "sßxz" or not name[-1].isalpha():
        return set()
    return {name + "s"}


def all_forms(name: str, langs: Iterable[str] = ("ru", "uk", "kk"), *, city: bool = False) -> set[str]:
    """Union of the inflected forms of ``name`` for the given languages (ru, uk, kk, pl, et, de)."""
    out: set[str] = set()
    for lang in langs:
        if lang == "kk":
            out |= kazakh_forms(name, city=city)
        else:
            out |= {"ru": russian_forms, "uk": ukrainian_forms, "pl": polish_forms, "et": estonian_forms,
                    "de": german_forms}[lang](name)
    return out
