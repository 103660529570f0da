"""The stacker learns how far to trust the recogniser and the rules, and survives its JSON round trip."""
from __future__ import annotations

import numpy as np
import pytest

from contention.recognise import stacker
from contention.recognise.features import N_TYPES, WIDTH
from contention.recognise.stage import RecogniserStage
from contention.recognise.reconcile import Policy
from contention.recognise.runtime import Scores
from contention.taxonomy import EVENT_TYPES

pytest.importorskip("sklearn")


def world(n: int, seed: int):  # type: ignore[no-untyped-def]
    """Sentences where an asserted event is stated exactly when a rule fired and the model agrees (p > .5),
    or when the model is very sure (p > .9) in a language without a pack."""
    rng = np.random.default_rng(seed)
    types = rng.uniform(0, 1, (n, N_TYPES)).astype(np.float32)
    asserted = rng.uniform(0.5, 1, (n, N_TYPES)).astype(np.float32)
    rules = np.zeros((n, WIDTH), np.float32)
    pack = rng.uniform(size=n) < 0.7
    rules[:, -1] = pack
    rules[:, :N_TYPES] = (rng.uniform(size=(n, N_TYPES)) < 0.2) & pack[:, None]
    hit = rules[:, :N_TYPES] > 0
    target = ((hit & (types > 0.5)) | (~pack[:, None] & (types > 0.9))).astype(np.float32)
    return types, asserted, rules, target


def test_stacker_learns_rules_and_model_together_and_round_trips() -> None:
    types, asserted, rules, target = world(3000, 1)
    model = stacker.fit(types, asserted, rules, target, np.ones_like(target))
    t2, a2, r2, y2 = world(1000, 2)
    pred = model.predict(t2, a2, r2)
    assert pred.shape == (1000, N_TYPES)
    acc = ((pred >= 0.5) == (y2 > 0)).mean()
    assert acc > 0.9
    # a rule hit alone (model unsure) is worth less than a hit the model agrees with
    assert pred[(r2[:, :N_TYPES] > 0) & (t2 > 0.7)].mean() > pred[(r2[:, :N_TYPES] > 0) & (t2 < 0.3)].mean() + 0.3
    again = stacker.Stacker.from_json(model.to_json())
    assert again is not None
    np.testing.assert_allclose(again.predict(t2, a2, r2), pred, atol=1e-4)
    assert stacker.Stacker.from_json(None) is None


def test_stage_uses_the_stacker_decision() -> None:
    from contention.extract.extractor import extract_document
    from contention.records import Document

    n = N_TYPES

    def scorer(doc, sents, rules):  # type: ignore[no-untyped-def]
        k = len(sents)
        return Scores(np.full((k, n), 0.01, np.float32), np.full((k, n), 0.9, np.float32),
                      np.tile(np.array([1, 0, 0, 0], np.float32), (k, 1)), np.zeros(k, np.float32))

    class Always:
        def predict(self, types, asserted, rules):  # type: ignore[no-untyped-def]
            out = np.zeros_like(types)
            out[:, EVENT_TYPES.index("response.political_reform")] = 0.99   # whatever the scores say
            out[:, EVENT_TYPES.index("protest.demonstration")] = 0.99
            return out

    text = "Hundreds of people rallied in the central square of Aktobe on Monday."
    doc = Document("s1", text, lang="en", published="2021-03-01")
    stage = RecogniserStage(scorer, Policy(decide=0.5, decide_keep=0.2), Always())  # type: ignore[arg-type]
    got = {e.type for e in extract_document(doc, recogniser=stage, semantic="off").events}
    assert "response.political_reform" in got
    without = {e.type for e in extract_document(doc, recogniser=RecogniserStage(scorer, Policy(decide=0.5)),
                                                semantic="off").events}
    assert "response.political_reform" not in without


def test_explain_shows_the_recogniser_reading_and_the_stacker_decision() -> None:
    from contention.extract.explain import explain_document
    from contention.records import Document

    n = N_TYPES
    j = EVENT_TYPES.index("response.detention")

    def scorer(doc, sents, rules):  # type: ignore[no-untyped-def]
        k = len(sents)
        types = np.zeros((k, n), np.float32)
        types[:, j] = 0.8
        return Scores(types, np.full((k, n), 0.9, np.float32),
                      np.tile(np.array([1, 0, 0, 0], np.float32), (k, 1)), np.zeros(k, np.float32))

    class Half:
        def predict(self, types, asserted, rules):  # type: ignore[no-untyped-def]
            return types * 0.5

    doc = Document("x1", "Police detained twelve activists in Aktau on Monday.", lang="en", published="2021-03-02")
    ex = explain_document(doc, recogniser=RecogniserStage(scorer, Policy(decide=0.3), Half()))  # type: ignore[arg-type]
    lines = [r for s in ex.sentences for r in s.recogniser]
    assert lines == ["response.detention 0.80 (asserted 0.90, decision 0.40 >= 0.30)"]
