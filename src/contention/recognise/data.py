"""Training examples for the recogniser: sentences with the event types, modality and flags they state.

Three sources, one record shape (``Example``):
- coded reports (``shared/data/train``, ``shared/data/dev``): each document is split with the
  extractor's own ``split_sentences``; a sentence is labelled with the gold events whose evidence lies
  in it, and every other sentence of the (fully coded) document is a negative;
- clauses we wrote ourselves (``extract/data/clauses/<lang>.jsonl`` and ``train_sentences.jsonl``), and
  whole reports we wrote and coded (``extract/data/reports/<lang>.jsonl``), read like the coded reports;
- Mass Mobilization ``notes`` as weak labels (``weak.py``).
Nothing here reads the blind set.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..ingest.segment import split_sentences
from ..taxonomy import EVENT_TYPES, MODALITIES

DATA = Path(__file__).resolve().parent.parent / "extract" / "data"
CLAUSES = DATA / "clauses"
TYPE_INDEX = {t: i for i, t in enumerate(EVENT_TYPES)}
MOD_INDEX = {m: i for i, m in enumerate(MODALITIES)}


@dataclass
class Example:
    text: str
    lang: str
    source: str                       # "gold", "clauses", "mm"
    types: dict[str, str] = field(default_factory=dict)  # type -> modality (asserted wins over others)
    preemptive: bool | None = None    # None: no response in the sentence
    weight: float = 1.0
    doc_id: str | None = None
    group: str | None = None          # cross-validation group (documents of one episode share one)
    start: int | None = None          # offset of the sentence in its document
    unsure: frozenset[str] = frozenset()  # types not to learn from this example (a likely retelling)

    @property
    def key(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]

    def modality(self) -> str | None:
        """The sentence's modality: asserted when any of its events is asserted, else the commonest."""
        if not self.types:
            return None
        mods = Counter(self.types.values())
        return "asserted" if mods["asserted"] else mods.most_common(1)[0][0]


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def locate(evidence: str, text: str, sentences: list) -> list[int]:  # type: ignore[type-arg]
    """Indices of the sentences an evidence string lies in (exact, then whitespace-folded, then the
    most similar sentence when the coder's span differs slightly from the text)."""
    if not evidence:
        return []
    pos = text.find(evidence)
    if pos < 0:
        folded, ftext = _fold(evidence), _fold(text)
        if folded and folded in ftext:
            # map back through the folded text: search sentence by sentence
            hits = [i for i, s in enumerate(sentences) if _fold(s.text) and _fold(s.text) in folded
                    or folded in _fold(s.text)]
            if hits:
                return hits
        best, ratio = None, 0.0
        for i, s in enumerate(sentences):
            r = SequenceMatcher(None, folded, _fold(s.text), autojunk=False).ratio()
            if r > ratio:
                best, ratio = i, r
        return [best] if best is not None and ratio >= 0.6 else []
    end = pos + len(evidence)
    return [i for i, s in enumerate(sentences) if s.start < end and pos < s.end]


def _group(doc: dict) -> str:
    """Cross-validation group: documents about one episode (same country and year of their first
    events) go to one fold; documents with no events are their own group."""
    evs = [e for e in doc.get("events") or [] if e.get("country")]
    if not evs:
        return f"doc:{doc['doc_id']}"
    country = Counter(e["country"] for e in evs).most_common(1)[0][0]
    years = sorted(str(e.get("date") or "")[:4] for e in evs if e.get("date"))
    return f"{country}:{years[0] if years else '?'}"


def gold_examples(docs: Iterable[dict], source: str = "gold", weight: float = 1.0) -> Iterator[Example]:
    """One example per sentence of each coded document."""
    for doc in docs:
        text = doc["text"]
        sents = split_sentences(text)
        labels: list[dict[str, str]] = [{} for _ in sents]
        pre: list[bool | None] = [None] * len(sents)
        for ev in doc.get("events") or []:
            for i in locate(ev.get("evidence") or "", text, sents):
                mod = ev.get("modality") or "asserted"
                t = ev["type"]
                if labels[i].get(t) != "asserted":
                    labels[i][t] = mod
                if t.startswith("response."):
                    pre[i] = bool(pre[i]) or bool(ev.get("preemptive"))
        group = _group(doc)
        told = {ev["type"] for ev in doc.get("events") or []}
        for s, lab, p in zip(sents, labels, pre):
            if len(s.text.strip()) < 3:
                continue
            unsure = frozenset(t for t in _rule_types(s.text, doc.get("lang")) if t in told and t not in lab)
            yield Example(s.text, doc.get("lang") or "?", source, lab, p, weight, doc["doc_id"], group, s.start, unsure)


def _rule_types(text: str, lang: str | None) -> set[str]:
    """Types the language pack's triggers find in a sentence (none without a pack).

    Coders mark one evidence sentence per event; a sentence where a trigger finds a type the document
    codes elsewhere is most likely a retelling of that event, so it is neither a positive nor a
    negative for that type (``Example.unsure``)."""
    from ..extract.extractor import pack_for
    from ..extract.triggers import find_matches

    pack = pack_for(lang)
    return {m.type for m in find_matches(text, pack)} if pack is not None else set()


REPORTS = DATA / "reports"


def report_examples(directory: Path = REPORTS, weight: float = 0.7) -> Iterator[Example]:
    """The whole reports we wrote and coded ourselves (``reports/<lang>.jsonl``), sentence by sentence."""
    for path in sorted(directory.glob("*.jsonl")):
        yield from gold_examples(read_jsonl(path), source="reports", weight=weight)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def clause_examples(directory: Path = CLAUSES) -> Iterator[Example]:
    """The clauses we wrote (``clauses/<lang>.jsonl``) and the older hand-written set."""
    for path in sorted(directory.glob("*.jsonl")):
        for rec in read_jsonl(path):
            types: dict[str, str] = {}
            pre = None
            for ev in rec.get("events") or []:
                t, mod = ev["type"], ev.get("modality") or "asserted"
                if types.get(t) != "asserted":
                    types[t] = mod
                if t.startswith("response."):
                    pre = bool(pre) or bool(ev.get("preemptive"))
            yield Example(rec["text"], rec.get("lang") or path.stem, "clauses", types, pre,
                          group=f"clauses:{path.stem}")
    old = DATA / "train_sentences.jsonl"
    if old.exists():
        for rec in read_jsonl(old):
            types = {t: "asserted" for t in rec.get("types") or []}
            yield Example(rec["text"], rec.get("lang") or "?", "clauses", types,
                          True if "response.surveillance" in types else (False if any(
                              t.startswith("response.") for t in types) else None), group="clauses:old")


def label_arrays(examples: list[Example]):  # type: ignore[no-untyped-def]
    """Targets as numpy arrays: types (n, 23) any modality; asserted (n, 23); modality (n,) index or -1;
    preemptive (n,) 0/1 or -1 (no response); known (n, 23): 0 where a type is not to be learned."""
    import numpy as np

    n = len(examples)
    known = np.ones((n, len(EVENT_TYPES)), dtype=np.float32)
    types = np.zeros((n, len(EVENT_TYPES)), dtype=np.float32)
    asserted = np.zeros_like(types)
    mod = np.full(n, -1, dtype=np.int64)
    pre = np.full(n, -1.0, dtype=np.float32)
    for i, ex in enumerate(examples):
        for t, m in ex.types.items():
            types[i, TYPE_INDEX[t]] = 1.0
            asserted[i, TYPE_INDEX[t]] = float(m == "asserted")
        m = ex.modality()
        if m is not None:
            mod[i] = MOD_INDEX[m]
        if ex.preemptive is not None:
            pre[i] = float(ex.preemptive)
        for t in ex.unsure:
            known[i, TYPE_INDEX[t]] = 0.0
    return types, asserted, mod, pre, known
