"""Rule 3's gate: responses are coded only in a story that reports a protest.

The gate reads sentence-level protest decisions, not keywords: :func:`protest_in_story` takes one decision per
sentence, from whichever recogniser made them. :func:`sentence_protests` gives the rule extractor's decisions (a
protest trigger matched in the sentence, or the pack's ``protest_context`` cue: "protesters", "the rally"); a
learned recogniser passes its own (``extractor.document_context(..., protests=...)``), so that a story whose
protest is only implied keeps its responses.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..ingest.segment import Sentence
from .lexicon import LangPack
from .triggers import Match


def protest_in_story(protests: Iterable[bool]) -> bool:
    """Whether any sentence of the story reports (or refers to) a protest."""
    return any(protests)


def sentence_protests(sentences: Sequence[Sentence], matches: Sequence[Sequence[Match]], pack: LangPack) -> list[bool]:
    """The rule extractor's protest decision for each sentence: a protest trigger matched there, or the pack's
    ``protest_context`` cue."""
    cue = pack.cue("protest_context")
    return [any(m.type.startswith("protest.") for m in found) or bool(cue is not None and cue.search(s.text))
            for s, found in zip(sentences, matches)]
