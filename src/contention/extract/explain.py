"""Why an event is (not) there: the extractor's decisions, sentence by sentence."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..ingest.segment import split_sentences
from ..records import Document, Event
from ..taxonomy import EVENT_TYPES
from .extractor import _is_question, default_gazetteer, document_context, extract_document, neutral_pack, pack_for
from .modality import modality_of
from .triggers import find_matches


@dataclass(frozen=True)
class SentenceExplanation:
    index: int
    text: str
    triggers: list[str] = field(default_factory=list)   # "en:detention 'arrested' -> response.detention, asserted"
    places: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    note: str | None = None
    recogniser: list[str] = field(default_factory=list)  # "response.detention 0.93 (asserted 0.97)", best first


@dataclass(frozen=True)
class Explanation:
    doc_id: str
    lang: str | None
    pack: str | None
    anchor: str | None
    story_date: str | None
    country: str | None
    protest_context: bool
    sentences: list[SentenceExplanation]
    note: str | None = None


#: recogniser scores below this are not shown
SHOW = 0.10


def _readings(doc: Document, sentences: list, recogniser: Any) -> dict[int, list[str]]:  # type: ignore[type-arg]
    """The recogniser's types for each sentence (by start offset), with probabilities and, where a stacker
    decides, its decision against the policy's threshold."""
    from ..recognise.stage import default_stage

    stage = default_stage() if recogniser is None else (recogniser or None)
    if stage is None:
        return {}
    from .triggers import find_matches as _fm

    pack = pack_for(doc.lang) or neutral_pack()
    idx, scores = stage.scores(doc, sentences, [_fm(s.text, pack, document=doc.text) for s in sentences], pack)
    out = {}
    for k, i in enumerate(idx):
        order = np.argsort(-scores.types[k])
        dec = scores.decision
        row = None if scores.rules is None else scores.rules[k]
        at = [stage.policy.decide_at(row, t) for t in EVENT_TYPES]
        out[sentences[i].start] = [
            f"{EVENT_TYPES[j]} {scores.types[k, j]:.2f} (asserted {scores.asserted[k, j]:.2f}"
            + (f", decision {dec[k, j]:.2f} {'>=' if dec[k, j] >= at[j] else '<'} {at[j]:.2f}" if dec is not None else "")
            + ")"
            for j in order if scores.types[k, j] >= SHOW or (dec is not None and dec[k, j] >= stage.policy.decide_keep)]
    return out


def explain_document(doc: Document, *, recogniser: Any = None) -> Explanation:
    """The decisions behind ``extract_document(doc)``, sentence by sentence: the rules' triggers and cues, the
    recogniser's reading (types with probabilities), places, dates and the events made."""
    result = extract_document(doc, recogniser=recogniser)
    pack = pack_for(doc.lang)
    if pack is None and result.lang_pack == "none" and "recogniser" in (result.note or ""):
        pack = neutral_pack()
    if pack is None:
        return Explanation(doc.doc_id, doc.lang, None, None, None, None, False, [], note=result.note)
    ctx = document_context(doc, pack, default_gazetteer())
    by_sentence: dict[int, list[Event]] = {}
    for ev in result.events:
        for e in ev.all_evidence():
            by_sentence.setdefault(e.start, []).append(ev)
    out = []
    sentences = split_sentences(doc.text)
    readings = _readings(doc, sentences, recogniser)
    for s in sentences:
        trig = []
        for m in find_matches(s.text, pack, document=doc.text):
            mod, cue = modality_of(s.text, m.start, m.end, pack, implied=m.trigger.modality, event_type=m.type)
            trig.append(f"{pack.code}:{m.trigger.id} {s.text[m.start:m.end]!r} -> {m.type}, {mod}" + (f" (cue {cue!r})" if cue else ""))
        places = [f"{p.surface!r} -> {p.place.name} ({p.place.kind}, {p.place.country})" for p in ctx.places if s.start <= p.start < s.end]
        dates = [f"{d.surface!r} -> {d.iso()} ({d.role})" for d in ctx.dates if s.start <= d.start < s.end]
        note = None
        if _is_question(s.text) and trig:
            note = "a question: no events"
        elif trig and not by_sentence.get(s.start) and not ctx.protest_context:
            note = "responses dropped: the document reports no protest (coding rule 3)"
        out.append(SentenceExplanation(s.index, s.text, trig, places, dates, by_sentence.get(s.start, []), note,
                                       readings.get(s.start, [])))
    return Explanation(doc.doc_id, doc.lang, result.lang_pack, ctx.anchor, ctx.story_date, ctx.country, ctx.protest_context, out,
                       note=result.note)
