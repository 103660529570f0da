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


def test_doc_features_see_the_other_sentences_of_the_same_document_only() -> None:
    """Each sentence learns how strongly *another* sentence of its own document states a type, and whether it is
    the strongest itself; sentences of other documents do not count."""
    j = EVENT_TYPES.index("response.detention")
    types = np.full((4, N_TYPES), 0.01, np.float32)
    types[:, j] = [0.9, 0.4, 0.2, 0.01]
    docs = np.array(["a", "a", "a", "b"])
    f = stacker.doc_features(types, docs)
    logit = lambda p: np.log(p / (1 - p))  # noqa: E731
    np.testing.assert_allclose(f[:3, j, 0] * 5, logit(np.array([0.4, 0.9, 0.9])), rtol=1e-4)
    assert f[:3, j, 1].tolist() == [1.0, 0.0, 0.0]   # the first sentence is the strongest of document a
    assert f[:3, j, 2].tolist() == [1.0, 0.0, 0.0]   # ... and a sure one
    assert f[3, j, 1] == 1.0 and f[3, j, 2] == 0.0  # alone in document b: the strongest, but unsure
    assert f[3, j, 0] * 5 == pytest.approx(stacker.FLOOR)
    # at run time the rows are one document: the same as giving them one key
    np.testing.assert_allclose(stacker.doc_features(types[:3]), f[:3])


def test_a_retelling_weaker_than_another_sentence_of_its_document_is_decided_lower() -> None:
    """Fitted where the one telling of an act is the document's strongest sentence for its type and the others
    retell it, the stacker puts the same score lower when another sentence states the type more strongly."""
    rng = np.random.default_rng(3)
    j = EVENT_TYPES.index("response.detention")
    rows, docs, target = [], [], []
    for d in range(400):
        p = rng.uniform(0.3, 0.9, 3)
        for k in range(3):
            rows.append(p[k]); docs.append(d); target.append(float(k == p.argmax()))
    n = len(rows)
    types = np.full((n, N_TYPES), 0.01, np.float32)
    types[:, j] = rows
    tgt = np.zeros((n, N_TYPES), np.float32)
    tgt[:, j] = target
    rules = np.zeros((n, WIDTH), np.float32)
    model = stacker.fit(types, np.full_like(types, 0.9), rules, tgt, np.ones_like(tgt), docs=np.array(docs))
    alone = np.full((2, N_TYPES), 0.01, np.float32)
    alone[:, j] = [0.6, 0.3]
    beaten = alone.copy()
    beaten[1, j] = 0.9
    p_alone = model.predict(alone, np.full_like(alone, 0.9), np.zeros((2, WIDTH), np.float32))[0, j]
    p_beaten = model.predict(beaten, np.full_like(beaten, 0.9), np.zeros((2, WIDTH), np.float32))[0, j]
    assert p_alone > 0.5 > p_beaten
