from __future__ import annotations

import json

import pandas as pd

from contention.analyse import learn
from contention.taxonomy import RESPONSE_FAMILIES


def test_learning_to_json_shape(kz_events):
    result = learn(kz_events, n_boot=200)
    out = result.to_dict()
    sections = {"landmark_name", "origin", "window", "episodes", "excluded", "sources", "warnings", "placebo",
                "pretrend", "landmark_episodes", "changepoints", "methods"}
    assert set(out) == set(RESPONSE_FAMILIES) | {"preemptive", "country", "landmark", "n_events"} | sections
    for fam in (*RESPONSE_FAMILIES, "preemptive"):
        assert set(out[fam]) == {"before", "after", "difference"}
        for part in out[fam].values():
            assert set(part) == {"estimate", "ci_low", "ci_high", "n_episodes"}
    assert out["country"] == "KZ" and out["landmark"] == "2011-12-16"
    assert out["n_events"] == 15  # the negated event is not counted
    assert out["repression"]["before"]["n_episodes"] == 3 and out["repression"]["after"]["n_episodes"] == 2
    json.dumps(out, allow_nan=False)


def test_learning_sentences_cite_events(kz_events):
    result = learn(kz_events, n_boot=200)
    sentences = result.sentence_list()
    lethal = next(s for s in sentences if s.topic == "flag:lethal")
    assert lethal.event_keys == ("r1",)
    assert "1 of 3 episodes before" in lethal.text
    rep = next(s for s in sentences if s.topic == "before_after:repression")
    assert set(rep.event_keys) == {"r1", "r2", "r3", "r5", "r9"}
    assert "only 3 episodes" in rep.text and "only 2 episodes" in rep.text
    known = set(kz_events["event_key"])
    assert all(set(s.event_keys) <= known for s in sentences)


def test_learning_region_filter(kz_events):
    result = learn(kz_events, region="Mangystau", n_boot=200)
    assert set(result.episodes["admin1"]) == {"Mangystau"}
    assert result.to_dict()["repression"]["after"]["n_episodes"] == 0
    assert "r10" not in set(result.mapping["event_key"])


def test_learning_tables_present(kz_events):
    result = learn(kz_events, n_boot=200)
    for name in ("episodes", "per_episode", "shares_by_year", "before_after", "changepoints", "transitions", "sentences"):
        assert isinstance(getattr(result, name), pd.DataFrame)
    assert list(result.shares_by_year["year"]) == [2010, 2011, 2016, 2019]


def test_learning_on_mass_mobilization_rows(mm_kazakhstan_frame):
    result = learn(mm_kazakhstan_frame, n_boot=300)
    out = result.to_dict()
    n = out["repression"]["before"]["n_episodes"] + out["repression"]["after"]["n_episodes"]
    assert n == (result.per_episode["n_responses"] > 0).sum() - (result.per_episode["period"].isna() & (result.per_episode["n_responses"] > 0)).sum()
    for fam in RESPONSE_FAMILIES:
        for part in ("before", "after"):
            p = out[fam][part]
            if p["n_episodes"]:
                assert 0 <= p["ci_low"] <= p["estimate"] <= p["ci_high"] <= 1
    assert out["n_events"] == len(mm_kazakhstan_frame)


def test_learning_absent_family_sentence(kz_events):
    frame = kz_events[kz_events["type"] != "response.surveillance"]
    result = learn(frame, n_boot=200)
    text = next(s.text for s in result.sentence_list() if s.topic == "before_after:preemption")
    assert text.startswith("No preemption responses were recorded in the 5 episodes compared")


def test_learning_transition_sentences(kz_events):
    result = learn(kz_events, n_boot=200)
    after_protest = next(s for s in result.sentence_list() if s.topic == "transition:protest")
    assert "before 2011-12-16 the next step was most often repression" in after_protest.text
    assert "at least 2 episodes; too few to generalise" in after_protest.text
    # Before: repression followed protest in the May strike (r5); Zhanaozen's shooting (r1) is
    # the same day as the riot, so it follows nothing. After: Atyrau's arbitration (r7) follows
    # the strike, Almaty's 2019 detention is same-day.
    assert set(after_protest.event_keys) >= {"r5"}
    assert set(after_protest.event_keys) <= set(kz_events["event_key"])
