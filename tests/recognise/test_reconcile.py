"""How the rules' matches and the recogniser's scores make one decision per sentence and type."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from contention.extract.extractor import extract_document, pack_for
from contention.extract.triggers import find_matches
from contention.recognise.reconcile import Policy, sentence_matches
from contention.recognise.runtime import Scores
from contention.recognise.stage import RecogniserStage
from contention.records import Document
from contention.taxonomy import EVENT_TYPES, MODALITIES

T = {t: i for i, t in enumerate(EVENT_TYPES)}


def scores(probs: dict[str, float], *, asserted: float = 0.9, modality: str = "asserted", pre: float = 0.0,
           n: int = 1) -> Scores:
    types = np.zeros((n, len(EVENT_TYPES)), np.float32)
    for t, p in probs.items():
        types[:, T[t]] = p
    mod = np.zeros((n, len(MODALITIES)), np.float32)
    mod[:, MODALITIES.index(modality)] = 1.0
    return Scores(types, np.full_like(types, asserted), mod, np.full(n, pre, np.float32))


EN = pack_for("en")


def test_rule_match_kept_when_the_recogniser_agrees_and_vetoed_when_it_does_not() -> None:
    text = "Police detained twelve activists outside the akimat."
    rules = [m for m in find_matches(text, EN) if m.type == "response.detention"]
    assert rules
    policy = Policy(add=0.5, keep=0.2)
    kept = sentence_matches(text, rules, scores({"response.detention": 0.6}), 0, policy)
    assert [m.type for m in kept] == ["response.detention"] and kept[0] is rules[0]
    vetoed = sentence_matches(text, rules, scores({"response.detention": 0.1}), 0, policy)
    assert vetoed == []
    trusted = sentence_matches(text, rules, scores({"response.detention": 0.1}), 0,
                               Policy(add=0.5, keep=0.2, trust_rules=frozenset({"response.detention"})))
    assert [m.type for m in trusted] == ["response.detention"]


def test_a_type_no_rule_found_is_added_over_the_whole_sentence_with_the_models_modality() -> None:
    text = "Troops were sent to the oil town overnight."
    out = sentence_matches(text, [], scores({"response.emergency_measures": 0.8}, asserted=0.2, modality="planned"),
                           0, Policy(add=0.5))
    assert len(out) == 1
    m = out[0]
    assert (m.type, m.start, m.end, m.trigger.modality) == ("response.emergency_measures", 0, len(text), "planned")
    assert m.trigger.id.startswith("model:")
    below = sentence_matches(text, [], scores({"response.emergency_measures": 0.4}), 0, Policy(add=0.5))
    assert below == []


def test_the_recogniser_relabels_a_vetoed_rule_match_of_the_same_family_in_place() -> None:
    text = "Police beat the protesters with batons near the square."
    rules = [m for m in find_matches(text, EN) if m.type == "response.physical_force"]
    assert rules
    out = sentence_matches(text, rules, scores({"response.physical_force": 0.05, "response.detention": 0.9}), 0,
                           Policy(add=0.5, keep=0.2))
    assert [(m.type, m.start, m.end) for m in out] == [("response.detention", rules[0].start, rules[0].end)]


def test_stage_in_the_extractor_codes_what_only_the_recogniser_read() -> None:
    text = ("Thousands of farmers blocked highways around Lyon on Monday against the fuel tax. "
            "The prefect later went out to meet the farmers' delegation.")
    doc = Document("t1", text, lang="en", published="2024-02-01")

    def scorer(d, sents, rules):  # type: ignore[no-untyped-def]
        out = scores({}, n=len(sents))
        for i, s in enumerate(sents):
            if "went out to meet" in s.text:
                out.types[i, T["response.negotiation"]] = 0.9
            if "blocked highways" in s.text:
                out.types[i, T["protest.demonstration"]] = 0.9
        return out

    rules_only = extract_document(doc, recogniser=False, semantic="off")
    assert "response.negotiation" not in {e.type for e in rules_only.events}
    both = extract_document(doc, recogniser=RecogniserStage(scorer, Policy(add=0.5, keep=0.1)), semantic="off")
    neg = [e for e in both.events if e.type == "response.negotiation"]
    assert neg and neg[0].modality == "asserted" and neg[0].rule.startswith("en:model:")
    assert neg[0].evidence.text.startswith("The prefect")


def test_language_without_a_pack_goes_through_the_neutral_pack() -> None:
    text = "Polis 12.03.2024 tarihinde Ankara'da yürüyüşe biber gazıyla müdahale etti."
    doc = Document("t2", text, lang="tr", published="2024-03-13")
    stage = RecogniserStage(lambda d, s, r: scores({"response.physical_force": 0.9, "protest.demonstration": 0.8},
                                                n=len(s)), Policy(add=0.5))
    res = extract_document(doc, recogniser=stage)
    assert res.lang_pack == "none" and "recogniser" in (res.note or "")
    types = {e.type for e in res.events}
    assert {"response.physical_force", "protest.demonstration"} <= types
    force = next(e for e in res.events if e.type == "response.physical_force")
    assert force.lang_pack == "none" and force.date == "2024-03-12" and force.country == "TR"


def test_reading_only_sentences_with_a_rule_hit() -> None:
    seen: list[str] = []

    def scorer(doc, sents, rules):  # type: ignore[no-untyped-def]
        seen.extend(s.text for s in sents)
        return scores({}, n=len(sents))

    text = ("Police detained twelve activists outside the akimat on Monday. "
            "The weather in the town was cold and grey.")
    doc = Document("r1", text, lang="en", published="2021-03-02")
    extract_document(doc, recogniser=RecogniserStage(scorer, Policy(read="rule_hits")), semantic="off")
    assert len(seen) == 1 and seen[0].startswith("Police detained")
    seen.clear()
    extract_document(doc, recogniser=RecogniserStage(scorer, Policy(read="all")), semantic="off")
    assert len(seen) == 2
    seen.clear()
    # a language without a pack: every sentence is read, whatever the setting
    other = Document("r2", "Polis bu gün meydanda on iki aktivisti saxladı. Hava soyuq idi.", lang="az",
                     published="2021-03-02")
    extract_document(other, recogniser=RecogniserStage(scorer, Policy(read="rule_hits")), semantic="off")
    assert len(seen) == 2


def test_a_language_without_a_pack_has_its_own_decision_threshold() -> None:
    # no rule speaks in such a language, so the stacker's probabilities run lower there: the policy's
    # ``decide_without_pack`` (cross-validated) replaces ``decide`` where the rule features say "no pack"
    text = "Ջրհեղեղից հետո գյուղացիները փակեցին մայրուղին։"
    decision = np.zeros((1, len(EVENT_TYPES)), np.float32)
    decision[0, T["protest.demonstration"]] = 0.25
    rules = np.zeros((1, 2 * len(EVENT_TYPES) + 1), np.float32)  # no pack: the last feature is 0
    s = dataclasses.replace(scores({"protest.demonstration": 0.5}), decision=decision, rules=rules)
    policy = Policy(decide=0.3, decide_without_pack=0.2)
    assert [m.type for m in sentence_matches(text, [], s, 0, policy)] == ["protest.demonstration"]
    assert sentence_matches(text, [], s, 0, Policy(decide=0.3)) == []
    rules[0, -1] = 1.0  # the same probability in a pack language stays below ``decide``
    assert sentence_matches(text, [], s, 0, policy) == []
    meta = {"policy": {"decide": 0.3, "decide_without_pack": 0.2}}
    assert Policy.from_meta(meta).decide_without_pack == 0.2 and Policy.from_meta({}).decide_without_pack is None


def test_a_family_can_have_its_own_decision_threshold() -> None:
    # ``decide_by_family`` overrides ``decide`` for the types of one family, in pack languages only
    text = "The minister called the strikers saboteurs."
    decision = np.zeros((1, len(EVENT_TYPES)), np.float32)
    decision[0, T["response.delegitimization"]] = 0.27
    decision[0, T["protest.strike"]] = 0.27
    rules = np.zeros((1, 2 * len(EVENT_TYPES) + 1), np.float32)
    rules[0, -1] = 1.0  # a pack language
    s = dataclasses.replace(scores({}), decision=decision, rules=rules)
    assert sentence_matches(text, [], s, 0, Policy(decide=0.3)) == []
    policy = Policy(decide=0.3, decide_by_family={"rhetoric": 0.25})
    assert [m.type for m in sentence_matches(text, [], s, 0, policy)] == ["response.delegitimization"]
    assert Policy.from_meta({"policy": {"decide_by_family": {"rhetoric": 0.25}}}).decide_at(rules[0], "protest.strike") \
        == Policy.decide
    rules[0, -1] = 0.0  # without a pack, ``decide_without_pack`` rules every family
    assert sentence_matches(text, [], s, 0, Policy(decide=0.3, decide_without_pack=0.28,
                                                   decide_by_family={"rhetoric": 0.25})) == []


def test_fast_mode_reads_only_the_sentences_a_rule_found_an_act_in() -> None:
    """``--recogniser fast``: the shipped model with the policy's ``read`` set to rule hits; "on" reads every
    sentence; an unknown mode is refused with one line."""
    from contention.errors import ConfigError
    from contention.recognise import stage

    before = stage.MODE
    try:
        stage.set_mode("fast")
        fast = stage.default_stage()
        stage.set_mode("on")
        full = stage.default_stage()
        assert fast is not None and full is not None
        assert fast.policy.read == "rule_hits" and full.policy.read == "all"
        assert fast.policy.decide == full.policy.decide
        with pytest.raises(ConfigError):
            stage.set_mode("quick")
    finally:
        stage.set_mode(before)
