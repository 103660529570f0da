"""Sentence segmentation that keeps character offsets into the original text."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? … or another script's full stop or question mark (Armenian ։, Arabic ؟,
# Urdu ۔, Devanagari । ॥, Ethiopic ።, Myanmar ။; optionally followed by closing quotes/brackets) when the
# next non-space character opens a new sentence; after the CJK full stops 。！？, which take no space, at
# the next character; and always at a blank line or a line break.
_END = re.compile(r"""(?<=[.!?…։؟۔।॥።။])["»”’)\]]*\s+(?=["«“„(\[]?[\w\d–—-])|(?<=[。！？])["»”’)\]」』]*\s*(?=\S)|\n\s*""",
                  re.UNICODE)
# Tokens after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Prof|No|Nos|Vol|Inc|Ltd|Co|Corp|vs|etc|approx|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|ul|г|гг|ст|им|т\.е|др|пр|тыс|млн|млрд|руб|"
    r"ca|bzw|Nr|a\.m|p\.m|Abs|z\.B|ds|sr|sra|av|Av|pl|ok|np|tj|ndr|art|Mme|MM|M)\.|\b[A-ZА-Я]\.|\b(?:U\.S|U\.K|U\.N|E\.U)\.|(?<![\d.,])\b\d{1,2}\.)$"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        head = text[start:m.start()]
        if "\n" not in m.group() and _ABBREV.search(head[-12:]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out: list[Sentence] = []
    for a, b in spans:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        a2, b2 = a + lead, a + len(seg.rstrip())
        if b2 > a2:
            out.append(Sentence(a2, b2, text[a2:b2], len(out)))
    return out
