"""The one document parse (extract.parse) and the rule-3 gate that reads sentence-level protest decisions."""
from __future__ import annotations

from contention.extract.extractor import default_gazetteer, document_context
from contention.extract.gate import protest_in_story, sentence_protests
from contention.extract.lexicon import load_pack
from contention.extract.parse import parse_document
from contention.extract.triggers import find_matches
from contention.ingest.segment import split_sentences
from contention.records import Document

TEXT = ("Police detained twelve people in Shymkent on 3 May.\n\n"
        "Governor Tim Walz said on Friday that the curfew in Minneapolis would end; talks would follow.")


def test_parse_reads_the_document_once_with_offsets() -> None:
    p = parse_document(TEXT, "2021-05-10", load_pack("en"), default_gazetteer())
    assert [s.text for s in p.sentences] == [s.text for s in split_sentences(TEXT)]
    assert len(p.clauses) == len(p.sentences)
    assert len(p.clauses[1]) == 2  # "...would end; talks would follow."
    for sent, spans in zip(p.sentences, p.clauses):
        assert all(0 <= a <= b <= len(sent.text) for a, b in spans)
    assert all(TEXT[m.start:m.end] == m.surface for m in p.places)
    assert all(TEXT[d.start:d.end] == d.surface for d in p.dates)
    assert {m.place.name for m in p.places} >= {"Shymkent", "Minneapolis"}
    assert [n.surface for n in p.names] == ["Tim"]  # a given name, not the Russian village
    assert p.anchor == "2021-05-10"
    dates, places = p.in_sentence(p.sentences[0])
    assert [d.iso() for d in dates] == ["2021-05-03"] and [m.place.name for m in places] == ["Shymkent"]


def test_gate_reads_sentence_decisions_not_keywords() -> None:
    text = "The mayor resigned on Monday. Officials promised to review the tariffs."
    pack, gaz = load_pack("en"), default_gazetteer()
    doc = Document("g", text, lang="en", published="2021-05-10")
    sents = split_sentences(text)
    matches = [find_matches(s.text, pack, document=text) for s in sents]
    assert sentence_protests(sents, matches, pack) == [False, False]
    assert not document_context(doc, pack, gaz).protest_context
    # a recogniser that finds the protest implied in the first sentence opens the gate
    assert document_context(doc, pack, gaz, protests=[True, False]).protest_context
    assert protest_in_story([False, True]) and not protest_in_story([])


def test_rule_decisions_mark_protest_sentences() -> None:
    text = "Thousands of miners went on strike in Karaganda. The company raised wages."
    pack = load_pack("en")
    sents = split_sentences(text)
    matches = [find_matches(s.text, pack, document=text) for s in sents]
    assert sentence_protests(sents, matches, pack) == [True, False]
