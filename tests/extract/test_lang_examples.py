"""Every language pack's examples.jsonl runs as a test: each sentence must yield the events it lists."""
from __future__ import annotations

import json

import pytest

from contention.extract.extractor import extract_document
from contention.extract.lexicon import LANG_DIR, available_packs
from contention.records import Document


def _cases():
    for code in available_packs():
        path = LANG_DIR / code / "examples.jsonl"
        if not path.exists():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield pytest.param(code, json.loads(line), id=f"{code}-{n}")


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_lang_example_yields_expected_events(code: str, case: dict) -> None:
    _check(code, case)


def _check(code: str, case: dict) -> None:
    doc = Document("example", case["text"], lang=code, published=case.get("published"))
    got = extract_document(doc).events
    if not case["expect"]:
        assert got == (), [(e.type, e.evidence.text) for e in got]
    for want in case["expect"]:
        hits = [e for e in got if e.type == want["type"] and e.modality == want.get("modality", "asserted")]
        assert hits, f"{want} not found; got {[(e.type, e.modality) for e in got]}"
        for key in ("date", "place", "admin1", "country"):
            if key in want:
                assert any(getattr(e, key) == want[key] for e in hits), (key, want, [getattr(e, key) for e in hits])
    for banned in case.get("forbid", []):
        rule = {"type": banned} if isinstance(banned, str) else banned
        hit = [e for e in got if all(getattr(e, k) == v for k, v in rule.items())]
        assert not hit, (rule, [(e.type, e.modality, e.date, e.evidence.text) for e in hit])
    for e in got:
        assert case["text"][e.evidence.start:e.evidence.end] == e.evidence.text


def test_a_forbidden_event_fails_the_example() -> None:
    # the check above must be able to fail: an example forbidding what the sentence does yield
    text = "Miners in Karaganda went on strike on 2 May 2021. Police detained twelve of them on 3 May."
    case = {"text": text, "published": "2021-05-04", "expect": [{"type": "protest.strike"}]}
    _check("en", case)
    for banned in ({"type": "response.detention"}, {"type": "response.detention", "date": "2021-05-03"},
                   "response.detention"):
        with pytest.raises(AssertionError, match="response.detention"):
            _check("en", dict(case, forbid=[banned]))
    _check("en", dict(case, forbid=[{"type": "response.detention", "date": "2021-05-02"}]))  # other day: allowed


def test_every_pack_has_examples() -> None:
    missing = [c for c in available_packs() if not (LANG_DIR / c / "examples.jsonl").exists()]
    assert not missing
