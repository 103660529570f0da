"""A generated corpus in our own words: news-like reports of strikes, rallies and police responses.

Every document is built from templated sentences with a seeded choice of city, date, numbers and
groups, so reports differ (different events) and the corpus is the same every time. Some
documents repeat an earlier text under another id (a re-published story), to exercise
skipping by content hash.
"""
from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

CITIES = ("Almaty", "Astana", "Zhanaozen", "Aktau", "Karaganda", "Shymkent", "Atyrau", "Taraz", "Kostanay", "Aktobe")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
GROUPS = ("oil workers", "miners", "teachers", "bus drivers", "nurses", "steel workers", "farmers")
DEMANDS = ("higher wages", "the payment of overdue salaries", "safer working conditions", "lower fuel prices",
           "the return of dismissed colleagues")
EVENT_SENTENCES = (
    "On {d} {m} {y} about {n} {g} went on strike in {c}, demanding {dem}.",
    "Police detained {k} protesters near the city hall in {c} on {d} {m} {y}.",
    "Residents of {c} rallied outside the akimat on {d} {m} {y} against rising gas prices.",
    "Hundreds of {g} marched through the centre of {c} on {d} {m} {y}, calling for {dem}.",
)
FILLER = (
    "Local journalists described the atmosphere in the city as tense but calm.",
    "The company did not answer requests for comment by the time of publication.",
    "Prices for bread and fuel have risen steadily over the past two years, according to official statistics.",
    "Several shops in the centre closed early for the day.",
    "The regional newspaper published a long interview with a retired engineer about the history of the plant.",
    "Weather forecasters expected snow in the mountains later in the week.",
    "A spokesman for the ministry said that the budget for the coming year had already been approved.",
)
#: Every REPEAT_EVERY-th document repeats the text of the document REPEAT_BACK before it under a new id
#: (so repeats also cross chunk boundaries, while the earlier chunk may still be being written).
REPEAT_EVERY = 40
REPEAT_BACK = 37


def report_text(i: int, *, long: bool = False) -> str:
    """Document ``i``: two event sentences and filler; ``long`` gives news length (~1,500 characters)."""
    rnd = random.Random(i)
    c, y = rnd.choice(CITIES), rnd.choice((2011, 2016, 2019, 2021, 2022))
    vals = {"c": c, "y": y, "m": rnd.choice(MONTHS), "d": rnd.randint(1, 28), "n": rnd.randint(20, 900),
            "k": rnd.randint(2, 60), "g": rnd.choice(GROUPS), "dem": rnd.choice(DEMANDS)}
    events = [t.format(**vals) for t in rnd.sample(EVENT_SENTENCES, 3 if long else 2)]
    filler = list(FILLER)
    rnd.shuffle(filler)
    body = events[:1] + filler[:2] + events[1:] + (filler[2:] * 2 if long else filler[2:3])
    return " ".join(body) + f" This is report {i} from our correspondent in {c}."


def documents(n: int, *, long: bool = False) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        src = i - REPEAT_BACK if i % REPEAT_EVERY == REPEAT_EVERY - 1 else i
        out.append({"doc_id": f"r{i:07d}", "text": report_text(src, long=long), "lang": "en"})
    return out


def write_corpus(folder: Path, n: int, *, files: int = 3, txt: int = 0, long: bool = False) -> Path:
    """``n`` documents in ``files`` .jsonl.gz files plus ``txt`` of them as single .txt files; RETURNS folder."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = documents(n, long=long)
    rest, singles = docs[:n - txt], docs[n - txt:]
    per = -(-len(rest) // files) if rest else 0
    for f in range(files):
        with gzip.open(folder / f"part-{f:03d}.jsonl.gz", "wt", encoding="utf-8") as out:
            for d in rest[f * per:(f + 1) * per]:
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
    for d in singles:
        (folder / f"{d['doc_id']}.txt").write_text(d["text"], encoding="utf-8")
    return folder


def unique_texts(n: int, *, long: bool = False) -> int:
    return len({d["text"] for d in documents(n, long=long)})
