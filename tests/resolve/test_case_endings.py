"""Place names with case endings in languages without a pack (data/case_endings.tsv), names in the Georgian,
Armenian and Arabic scripts, Turkish dotted capital I, and no-pack documents' place refinement.

Every sentence is ours. Where a test checks that an ending is stripped, it first checks that the inflected word is
not itself a key of the gazetteer, so that the test fails when the mechanism does nothing.
"""
from __future__ import annotations

import pytest

from contention.extract.extractor import neutral_pack
from contention.extract.grounding import given_name_mentions, refine_places
from contention.records import Document
from contention.resolve.gazetteer import Gazetteer, _endings, surface_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


# (language, sentence, the inflected word, the place it names)
INFLECTED = [
    ("ka", "გუშინ ჭიათურაში მაღაროელებმა მსვლელობა გამართეს.", "ჭიათურაში", "Chiatura"),
    ("ka", "აქცია თბილისში საღამოს დაიწყო.", "თბილისში", "Tbilisi"),
    ("ka", "ქუთაისის მერიასთან ხალხი შეიკრიბა.", "ქუთაისის", "Kutaisi"),
    ("hy", "Երեկ Գյումրիում բողոքի ակցիա է տեղի ունեցել։", "Գյումրիում", "Gyumri"),
    ("hy", "Ցուցարարները Երևանից մեկնեցին։", "Երևանից", "Yerevan"),
    ("az", "Dünən Gəncədə fəhlələr etiraz aksiyası keçirdilər.", "Gəncədə", "Ganja"),
    ("az", "Sumqayıtda polis on nəfəri saxladı.", "Sumqayıtda", "Sumgayit"),
    ("uz", "Kecha Samarqandda haydovchilar ish tashlashdi.", "Samarqandda", "Samarkand"),
    ("ky", "Кечээ Караколдо мугалимдер чогулушту.", "Караколдо", "Karakol"),
    ("ky", "Токмокто жүздөгөн адам нааразылык акциясына чыкты.", "Токмокто", "Tokmok"),
    ("tr", "Dün akşam Eskişehirde öğrenciler yürüdü.", "Eskişehirde", "Eskişehir"),
    ("sr", "Radnici su juče protestovali u Kragujevcu.", "Kragujevcu", "Kragujevac"),
    ("sr", "Протест је одржан у Крагујевцу у недељу.", "Крагујевцу", "Kragujevac"),
    ("be", "Акцыя адбылася ў Брэсце ў нядзелю.", "Брэсце", "Brest"),
    ("be", "Суд у Берасьці пакараў пікетоўцаў штрафам.", "Берасьці", "Brest"),  # taraškievica locative -ці of -це
    ("hu", "Tegnap Debrecenben tüntettek a tanárok.", "Debrecenben", "Debrecen"),
    ("fi", "Mielenosoitus pidettiin Tampereella lauantaina.", "Tampereella", "Tampere"),
    # Estonian has a pack, but its built forms cover its own towns and the exonyms it has: other names by this row
    ("et", "Kaevurid streikisid eile ka Kutaisis.", "Kutaisis", "Kutaisi"),
    ("et", "Meeleavaldus jõudis õhtuks Gruusia sadamalinna Potisse.", "Potisse", "Poti"),
]


@pytest.mark.parametrize(("lang", "text", "word", "place"), INFLECTED)
def test_case_ending_is_stripped_in_its_language(gaz, lang, text, word, place):
    got = {m.surface: m for m in gaz.find(text, lang=lang)}
    if surface_key(word) in gaz._entries:  # a form the build already made: nothing to strip
        pytest.skip(f"{word} is a gazetteer key")
    assert word in got or any(word in s for s in got), [(m.surface, m.place.name) for m in got.values()]
    m = next(m for s, m in got.items() if word in s)
    assert m.place.name == place and m.inflected


@pytest.mark.parametrize(("lang", "text", "word"), [(lang, t, w) for lang, t, w, _ in INFLECTED[:6]])
def test_case_ending_is_not_stripped_in_another_language(gaz, lang, text, word):
    other = "en" if lang != "en" else "de"
    assert all(m.surface != word or not m.inflected for m in gaz.find(text, lang=other))


@pytest.mark.parametrize(("lang", "text"), [
    ("tr", "Bundan sonra Kardeşler birlikte yürüdü."),         # capitalised words whose stems are no place
    ("az", "Onlardan biri dedi ki Xalqda narazılıq var."),
    ("sr", "Ovo je Pitanje za Vladu i Narod."),
    ("ky", "Мындан ары Ушундай болбойт деди."),
    ("tr", "istanbulda yazılmış küçük harfli bir cümle."),    # no capital: not a name in a cased script
])
def test_case_endings_leave_common_words_alone(gaz, lang, text):
    assert [m for m in gaz.find(text, lang=lang) if m.inflected] == []


def test_short_stems_are_not_read():
    rules = _endings()
    assert {"ka", "hy", "tr", "az", "uz", "ky", "sr", "be"} <= set(rules)
    assert all(cut for rs in rules.values() for _, cut, _ in rs)


def test_stem_must_keep_four_letters(gaz):
    # "Ошто" (in Osh): the stem "Ош" is too short to be read without a pack
    assert [m for m in gaz.find("Кечээ Ошто митинг болду.", lang="ky") if m.inflected] == []


@pytest.mark.parametrize(("text", "place"), [
    ("Dün İstanbul'da ve İZMİR'de yürüyüş yapıldı.", "Istanbul"),
    ("İzmir Valiliği açıklama yaptı.", "İzmir"),
])
def test_turkish_dotted_capital_i(gaz, text, place):
    assert surface_key("İstanbul") == "istanbul"
    assert place in [m.place.name for m in gaz.find(text, lang="tr")]


@pytest.mark.parametrize(("text", "place"), [
    ("თბილისი დღეს ხმაურიანი იყო.", "Tbilisi"),
    ("Երևան քաղաքում հավաքվեցին ուսանողներ։", "Yerevan"),
    ("تجمع کارگران در تهران برگزار شد.", "Tehran"),
    ("خرج المتظاهرون في بغداد يوم الجمعة.", "Baghdad"),
])
def test_names_in_georgian_armenian_and_arabic_scripts(gaz, text, place):
    assert place in [m.place.name for m in gaz.find(text)]


def test_arabic_prefix_is_stripped(gaz):
    assert "وبغداد" not in [m.surface for m in gaz.find("تظاهر الطلاب في البصرة وبغداد.")]  # not without the language
    got = gaz.find("تظاهر الطلاب في البصرة وبغداد.", lang="ar")
    assert "Baghdad" in [m.place.name for m in got]


@pytest.mark.parametrize(("lang", "text", "street"), [
    ("hy", "Ցուցարարները փակել են Բաղրամյան պողոտան։", "Բաղրամյան"),
    ("tr", "Polis Bağdat Caddesi üzerinde bekliyordu.", "Bağdat"),
])
def test_neutral_pack_keeps_street_names_from_being_towns(gaz, lang, text, street):
    found = gaz.find(text, lang=lang)
    town = next(m.place for m in found if m.surface == street)  # the gazetteer alone reads a town
    kept = refine_places(text, found, neutral_pack(), gaz)
    # not that town (Baghramyan Avenue is read as a landmark of Yerevan instead, see data/landmarks.tsv)
    assert town not in [m.place for m in kept if m.surface == street]


@pytest.mark.parametrize(("lang", "text", "town"), [
    # a town name before a capitalised word that is no place (read alone, a given name before a surname), and the
    # same town marked as a place elsewhere: by a case ending after an apostrophe, or by a town-type word
    ("tr", "Nursultan Yılmaz yürüyüşe katıldı. Buna rağmen Nursultan'da yüzlerce kişi toplandı.", "Astana"),
    ("uz", "Nursultan Mamirov bayonot tarqatdi. Nursultan shahrida miting bo'ldi.", "Astana"),
])
def test_a_marked_mention_keeps_the_town_a_place(gaz, lang, text, town):
    found = [m for m in gaz.find(text, lang=lang) if m.place.name == town]
    assert len(found) == 2
    names = given_name_mentions(text, found, neutral_pack(), gaz)
    assert found[0] in names  # the first mention alone looks like a given name
    assert found[1] not in names  # the marked one stays a place


def test_no_pack_document_gets_its_town(gaz):
    """Through the extractor with the rules alone: a Georgian text's event is placed in the town it names."""
    from contention.extract.semantic import semantic_events

    class _Clf:  # a stand-in classifier: every sentence is a demonstration
        encoder = "test"
        classes = ["protest.demonstration", "response.arrest"]

        def predict(self, texts, top=2):
            return [[("protest.demonstration", 0.9), ("response.arrest", 0.1)] for _ in texts]

    doc = Document("ka-1", "ზესტაფონში მუშებმა აქცია გამართეს.", lang="ka", published="2024-05-02")
    events = semantic_events(doc, classifier=_Clf(), gazetteer=gaz)
    assert events and events[0].place == "Zestaponi" and events[0].country == "GE"


@pytest.mark.parametrize(("lang", "text", "country"), [
    ("sr", "Protest se nastavlja ispred zgrade Vlade Srbije.", "Serbia"),
    ("hr", "Radnici su štrajkali u Hrvatskoj.", "Croatia"),
    ("sr", "Studenti su protestovali u Srbiji i Hrvatskoj.", "Croatia"),
])
def test_country_names_in_serbian_and_croatian_latin(gaz, lang, text, country):
    """Country names in Serbian, Croatian and Bosnian Latin spelling (CLDR's), with their case forms."""
    assert country in [m.place.name for m in gaz.find(text, lang=lang)]
