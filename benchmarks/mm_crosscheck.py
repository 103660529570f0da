"""Cross-check the extractor against Mass Mobilization's own state-response labels.

For MM rows that have notes, run ``contention.extract.extractor.extract_document`` on the
notes (the Document the MM reader builds, doc_id ``mm:<id>``) and compare the response
types it finds (asserted only) with MM's ``stateresponse1..7`` labels mapped to our
types by ``datasets/mappings/mm.toml``. Scored per document and class (is the class
present?), in MM's classes: MM has one "accomodation" label, so every accommodation type
the extractor finds counts as accommodation; types MM has no label for (prosecution,
emergency measures, rhetoric, ...) are shown in the confusion table but not scored.

MM notes are short lower-cased summaries, not news text: low recall here says as much
about the notes as about the extractor. Run from the repository root:

    PYTHONPATH=src python benchmarks/mm_crosscheck.py                 # Kazakhstan + post-Soviet
    PYTHONPATH=src python benchmarks/mm_crosscheck.py --sample 1000 --seed 7   # from the full file
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from contention.datasets import mm
from contention.datasets.reading import ImportedRecord

sys.path.insert(0, str(Path(__file__).resolve().parent))
from error_analysis import shared_dir  # noqa: E402

DATA = shared_dir() / "data" / "mass-mobilization"
ACCOMMODATION = "accommodation"
#: our type -> the MM class it is scored as
MM_CLASS = {
    "response.dispersal": "dispersal",
    "response.detention": "detention",
    "response.physical_force": "physical_force",
    "response.lethal_force": "lethal_force",
    "response.policy_concession": ACCOMMODATION,
    "response.material_concession": ACCOMMODATION,
    "response.personnel_change": ACCOMMODATION,
    "response.political_reform": ACCOMMODATION,
}
CLASSES = ("dispersal", "detention", "physical_force", "lethal_force", ACCOMMODATION)
NONE = "(none)"
DISPERS = re.compile(r"dispers|broke up|break up|cleared", re.IGNORECASE)


def _load_extractor():  # type: ignore[no-untyped-def]
    try:
        from contention.extract.extractor import extract_document
    except ImportError as exc:
        sys.exit(f"mm_crosscheck: the extractor is not available yet "
                 f"(contention.extract.extractor.extract_document: {exc}); merge the extractor branch first")
    return extract_document


def _with_notes(records: Iterable[ImportedRecord]) -> Iterator[ImportedRecord]:
    return (r for r in records if r.text_origin == "notes" and r.document is not None)


def pick(sample: int | None, seed: int) -> list[ImportedRecord]:
    """MM rows with notes: Kazakhstan and post-Soviet by default, else a seeded sample of the full file."""
    if sample is None:
        return list(_with_notes(mm.read(DATA / "mm_postsoviet.csv.gz")))
    rows = list(_with_notes(mm.read(DATA / "mmALL_073120_full.csv.gz")))
    return random.Random(seed).sample(rows, min(sample, len(rows)))


def classes(types: Iterable[str]) -> set[str]:
    return {MM_CLASS[t] for t in types if t in MM_CLASS}


def compare(records: list[ImportedRecord], extract) -> tuple[dict[str, Counter], Counter]:  # type: ignore[no-untyped-def]
    """Per-class tp/fp/fn counts and a confusion Counter of (MM class, extracted type) per document."""
    scores = {c: Counter() for c in CLASSES}
    confusion: Counter = Counter()
    for rec in records:
        gold = classes(e.type for e in rec.events)
        events = [e for e in extract(rec.document).events if e.type.startswith("response.") and e.modality == "asserted"]
        found = [e.type for e in events]
        system = classes(found)
        # MM's "crowd dispersal" covers forceful dispersals, which our taxonomy codes as physical_force
        if any(e.type == "response.physical_force" and DISPERS.search(e.evidence.text) for e in events):
            system.add("dispersal")
        for c in CLASSES:
            scores[c]["tp"] += c in gold and c in system
            scores[c]["fp"] += c not in gold and c in system
            scores[c]["fn"] += c in gold and c not in system
        shown = {MM_CLASS.get(t, t.removeprefix("response.")) for t in found} or {NONE}
        for g in gold or {NONE}:
            confusion.update((g, s) for s in shown)
    return scores, confusion


def _prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def markdown(scores: dict[str, Counter], confusion: Counter, n_docs: int) -> str:
    out = [f"## MM cross-check ({n_docs} MM rows with notes)", "",
           "| MM class | MM rows | extractor rows | tp | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    total = Counter()
    for c in CLASSES:
        s = scores[c]
        total.update(s)
        p, r, f = _prf(s)
        out.append(f"| {c} | {s['tp'] + s['fn']} | {s['tp'] + s['fp']} | {s['tp']} | {p:.2f} | {r:.2f} | {f:.2f} |")
    p, r, f = _prf(total)
    out += [f"| **micro** | {total['tp'] + total['fn']} | {total['tp'] + total['fp']} | {total['tp']} | {p:.2f} | {r:.2f} | {f:.2f} |", ""]
    cols = sorted({s for _, s in confusion}, key=lambda x: (x not in CLASSES, x == NONE, x))
    rows = [*CLASSES, NONE]
    out += ["### Confusion (documents; row = MM class, column = extracted type)", "",
            "| MM \\ extracted | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    out += [f"| {g} | " + " | ".join(str(confusion[(g, s)]) for s in cols) + " |" for g in rows]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=int, default=None, help="sample this many rows with notes from the full MM file")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None, help="also write the markdown here")
    args = ap.parse_args(argv)
    extract = _load_extractor()
    records = pick(args.sample, args.seed)
    scores, confusion = compare(records, extract)
    text = markdown(scores, confusion, len(records))
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
