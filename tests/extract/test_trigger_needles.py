"""The substring prefilters in front of trigger and actor patterns (triggers.needles) never change what a pack finds."""
from __future__ import annotations

import json
import re

import pytest

from contention.extract import triggers
from contention.extract.lexicon import available_packs, load_pack
from contention.ingest.segment import split_sentences
from tests.shared_path import SHARED


@pytest.mark.parametrize("pattern, expected", [
    (r"\bprotest(?:s|ed)?\b", ("protest",)),
    (r"(?:\bstrikers\b)|(?:\bwalk(?:ed)? out\b)", ("strikers", "walk")),
    (r"\bwent on (?:an? )?strike", ("went on ",)),  # the longest promise wins
    (r"(?:\bsit-?ins?\b)|(?:\b\w+\b)", None),  # one alternative promises nothing
    (r"(?:\bsit-?ins?\b)|(?:\b\w+ed\b)", ("ed", "sit")),
    (r"\b(?:a|b)\b", None),  # one-letter promises are no filter
    (r"(?i:Riot) police", (" police",)),  # the longer promise wins
    (r"(?-i:\bmarch(?:es|ed)?\b)|(?:\bsit-?ins?\b)", ("march", "sit")),  # a group that changes only case
    (r"(?x: riot \s police)|(?:strike)", None),  # a group that changes another flag is not read
    (r"\bОМОН\w*", ("омон",)),  # lower-cased: the sentence side is the lower-cased text
])
def test_needles_are_what_every_match_must_contain(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert triggers.needles(re.compile(pattern)) == expected


def _sentences_by_language() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    files = [SHARED / "data" / "train" / "train.jsonl", *sorted((SHARED / "data" / "dev").glob("*.jsonl"))]
    for f in files:
        for line in f.open(encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                out.setdefault(d.get("lang") or "", []).extend(s.text for s in split_sentences(d["text"]))
    return out


def test_prefilter_finds_exactly_what_the_patterns_find(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pack over every coded sentence of train + dev in its language (and English text in every other
    pack, for the patterns a language's sentences never exercise): the same matches with and without needles."""
    sentences = _sentences_by_language()
    assert sum(map(len, sentences.values())) > 3000
    checked = 0
    for lang in available_packs():
        pack = load_pack(lang)
        texts = sentences.get(lang, []) + sentences["en"][:300]
        with_needles = [triggers.find_matches(t, pack, document=t) for t in texts]
        plan = triggers._plan(pack)
        assert any(need is not None for _, _, need in plan), lang  # the prefilter is in use
        monkeypatch.setitem(triggers._PLAN, id(pack), (pack.triggers, tuple((t, c, None) for t, c, _ in plan)))
        without = [triggers.find_matches(t, pack, document=t) for t in texts]
        monkeypatch.setitem(triggers._PLAN, id(pack), (pack.triggers, plan))
        assert with_needles == without, lang
        checked += sum(map(len, without))
    assert checked > 3000


def test_actor_prefilter_finds_the_same_actors(monkeypatch: pytest.MonkeyPatch) -> None:
    """find_actor skips an actor pattern whose needles a sentence lacks: the same actor, every pack, train + dev."""
    from contention.extract import arguments

    sentences = _sentences_by_language()
    found = 0
    for lang in available_packs():
        pack = load_pack(lang)
        texts = sentences.get(lang, []) + sentences["en"][:100]
        plan = arguments._actor_plan(pack)
        assert all(need is not None for _, need in plan), lang
        calls = [(t, start, kind) for t in texts for start in (0, len(t) // 2)
                 for kind in ("protest.demonstration", "response.detention")]
        with_needles = [arguments.find_actor(t, s, pack, event_type=k) for t, s, k in calls]
        monkeypatch.setitem(arguments._ACTOR_PLAN, id(pack), (pack.actors, tuple((a, None) for a, _ in plan)))
        without = [arguments.find_actor(t, s, pack, event_type=k) for t, s, k in calls]
        monkeypatch.setitem(arguments._ACTOR_PLAN, id(pack), (pack.actors, plan))
        assert with_needles == without, lang
        found += sum(a is not None for a, _ in without)
    assert found > 2000


def test_a_new_pack_at_a_reused_address_gets_its_own_plan() -> None:
    """The plans are cached by the pack's id; a pack made later at the same address must not read another's."""
    from dataclasses import replace

    from contention.extract import arguments

    pack = load_pack("en")
    fewer = replace(pack, triggers=pack.triggers[:1], actors=pack.actors[:1])
    triggers._PLAN[id(fewer)] = (pack.triggers, triggers._plan(pack))  # what a freed pack at this id left behind
    arguments._ACTOR_PLAN[id(fewer)] = (pack.actors, arguments._actor_plan(pack))
    assert [t for t, _, _ in triggers._plan(fewer)] == list(fewer.triggers)
    assert [a for a, _ in arguments._actor_plan(fewer)] == list(fewer.actors)
