"""Precision rules: demanded acts, protests named in passing, cues that belong to a response, plans the
document reports as held, dispersal with reported force (our own sentences)."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_text
from contention.extract.lexicon import load_pack
from contention.extract.merge import drop_forceful_dispersal, drop_realised_plans
from contention.extract.modality import DEMANDED, modality_at
from contention.records import Event, Evidence


def _types(text: str, lang: str = "en", published: str = "2023-05-10") -> list[tuple[str, str]]:
    return [(e.type, e.modality) for e in extract_text(text, lang=lang, published=published)]


def test_demanded_response_is_no_event() -> None:
    s = "Workers in Aktau demanded that the company raise their wages."
    i = s.index("raise their wages")
    assert modality_at(s, i, i + 17, load_pack("en"), event_type="response.material_concession")[0] == DEMANDED
    # a protest is not "demanded": the demand cues only reach responses
    assert modality_at(s, i, i + 17, load_pack("en"), event_type="protest.strike")[0] != DEMANDED
    got = _types("Miners went on strike in Karaganda on Monday. " + s)
    assert ("protest.strike", "asserted") in got and not any(t == "response.material_concession" for t, _ in got)
    assert not any(t == "response.personnel_change" for t, _ in _types(
        "Около двухсот рабочих вышли на митинг в Актау, требуя отставки директора.", lang="ru"))


@pytest.mark.parametrize("lang, sentence, trigger, event_type", [
    ("en", ("The marchers demand the resignation of the governor, the release of everyone detained last week "
            "and a new election law."), "detained", "response.detention"),
    ("es", "Los mineros exigen la renuncia del gerente, el pago de los salarios atrasados y una nueva constitución.",
     "constitución", "response.political_reform"),
    ("it", ("Gli studenti chiedono il ritiro della riforma, l’annullamento delle denunce e la fine delle "
            "intimidazioni."), "intimidazioni", "response.intimidation"),
    ("fr", ("Les grévistes réclament une hausse des salaires, la réintégration des licenciés et la libération des "
            "militants."), "libération", "response.policy_concession"),
    ("pt", "Os professores exigem o reajuste do piso, a anistia aos grevistas e a demissão do secretário.",
     "demissão", "response.personnel_change"),
])
def test_demand_reaches_through_its_list(lang: str, sentence: str, trigger: str, event_type: str) -> None:
    # a comma ends a clause for the cues, but the items of a list of demands open like noun phrases
    i = sentence.index(trigger)
    assert modality_at(sentence, i, i + len(trigger), load_pack(lang), event_type=event_type)[0] == DEMANDED


@pytest.mark.parametrize("lang, sentence, trigger", [
    ("en", "They demanded higher wages, the police detained twenty of them.", "detained"),
    ("en", "Demanding the resignation of the governor, the protesters marched and police detained twenty.", "detained"),
    ("es", "Exigían la renuncia del alcalde, los policías detuvieron a veinte manifestantes.", "detuvieron"),
    ("en", ("Workers demanded a raise, the director then left the city and a month later the company was fined "
            "and the police detained twenty."), "detained"),
])
def test_a_clause_after_a_demand_is_no_item_of_it(lang: str, sentence: str, trigger: str) -> None:
    # its own subject (an actor) or a long way from the comma: a new clause, asserted
    i = sentence.index(trigger)
    assert modality_at(sentence, i, i + len(trigger), load_pack(lang), event_type="response.detention")[0] == "asserted"


def test_refused_demand_stays_negated() -> None:
    got = _types("Miners went on strike in Karaganda on Monday. The company rejected the demand to raise their wages.")
    assert ("response.material_concession", "negated") in got


def test_possessive_and_quotes_do_not_break_cues() -> None:
    got = _types('After the protests in Aktau, the president wrote that he will soon propose "measures to raise pensions".')
    assert ("response.material_concession", "planned") in got
    assert ("response.material_concession", "asserted") not in got


def test_protest_named_in_passing_folds_into_the_told_protest() -> None:
    text = ("Hundreds of teachers rallied in Shymkent on Tuesday. "
            "The organisers of the protest in Shymkent said that the police had filmed them.")
    assert [t for t, _ in _types(text)] == ["protest.demonstration"]
    ru = "Во вторник в Шымкенте прошел митинг учителей. Организаторы протеста в Шымкенте заявили, что полиция их снимала."
    assert [t for t, _ in _types(ru, lang="ru")] == ["protest.demonstration"]


@pytest.mark.parametrize("text", [
    "Hundreds of teachers rallied in Shymkent on Tuesday. On Friday the governor met protest leaders in Shymkent.",
    "Miners went on strike in Karaganda on Monday. On Thursday strike organisers in Karaganda spoke to reporters.",
])
def test_a_protest_in_a_compound_before_its_people_folds_into_the_told_protest(text: str) -> None:
    """"Protest leaders", "strike organisers": the protest names whom the noun is about, not a protest on that day."""
    got = extract_text(text, lang="en", published="2023-05-10")
    assert len([e for e in got if e.type.startswith("protest.")]) == 1, [(e.type, e.date) for e in got]


def test_protest_named_in_passing_alone_is_kept() -> None:
    got = extract_text("The organisers of last year's protests in Shymkent said on Tuesday that they would appeal.",
                       lang="en", published="2023-05-10")
    assert [e.type for e in got] == ["protest.demonstration"]
    assert ":bg" in (got[0].rule or "")


def test_cue_inside_a_response_trigger_belongs_to_the_response() -> None:
    got = _types("Police in Aktobe on Saturday refused permission for the planned march.")
    assert got == [("response.emergency_measures", "asserted")]
    # a negation of the protest itself still counts
    assert ("protest.strike", "negated") in _types("The miners in Karaganda did not strike on Monday.")


def test_plan_that_the_document_reports_as_held_is_dropped() -> None:
    got = _types("A rally was scheduled in Aktobe for Saturday. On Saturday about 300 people rallied in Aktobe.")
    assert got == [("protest.demonstration", "asserted")]
    later = _types("About 300 people rallied in Aktobe on 6 May. They plan to hold another rally in Aktobe in June.")
    assert ("protest.demonstration", "planned") in later


def _ev(type_: str, date: str | None, place: str | None, modality: str = "asserted") -> Event:
    ev = Evidence("d", 0, 1, "x")
    return Event(type=type_, evidence=ev, date=date, country="KZ", place=place, admin1=None, modality=modality)


def test_realised_plan_needs_same_type_place_and_month() -> None:
    held = _ev("protest.demonstration", "2023-05-06", "Aktobe")
    assert drop_realised_plans([held, _ev("protest.demonstration", "2023-05-05", "Aktobe", "planned")]) == [held]
    for plan in (_ev("protest.demonstration", "2023-05-20", "Aktobe", "planned"),  # after it: a further rally
                 _ev("protest.demonstration", "2022-05-06", "Aktobe", "planned"),  # another year
                 _ev("protest.demonstration", "2023-05-06", "Aktau", "planned"),   # another place
                 _ev("protest.strike", "2023-05-06", "Aktobe", "planned")):        # another kind of act
        assert len(drop_realised_plans([held, plan])) == 2, plan


def test_dispersal_with_force_the_same_day_is_not_coded() -> None:
    force = _ev("response.physical_force", "2023-05-06", "Aktobe")
    assert drop_forceful_dispersal([_ev("response.dispersal", "2023-05-06", "Aktobe"), force]) == [force]
    for other in (_ev("response.dispersal", "2023-05-07", "Aktobe"), _ev("response.dispersal", "2023-05", "Aktobe"),
                  _ev("response.dispersal", "2023-05-06", "Aktau")):
        assert len(drop_forceful_dispersal([other, force])) == 2, other


def test_strikers_are_participants_of_the_told_strike() -> None:
    text = ("15 мая водители автобусов в Актау объявили забастовку. "
            "16 мая городские власти устроили концерт среди бастующих в Актау.")
    assert [t for t, _ in _types(text, lang="ru")] == ["protest.strike"]
    pl = ("15 maja kierowcy autobusów w Gdańsku rozpoczęli strajk. "
          "16 maja władze miasta zorganizowały koncert dla strajkujących w Gdańsku.")
    assert [t for t, _ in _types(pl, lang="pl")] == ["protest.strike"]


def test_french_reflexive_poursuivre_is_going_on_not_prosecution() -> None:
    # "se poursuivre" is "to go on": the strike went on, nobody was prosecuted
    for text in ("Les dockers de Marseille sont en grève depuis lundi. Le mouvement s'est poursuivi mardi matin.",
                 "Les dockers de Marseille sont en grève depuis lundi. Les blocages se poursuivent et se poursuivront demain."):
        assert not any(t == "response.prosecution" for t, _ in _types(text, lang="fr"))
    # the verb of prosecution still is
    assert ("response.prosecution", "asserted") in _types(
        "Les dockers de Marseille sont en grève depuis lundi. Deux délégués ont été poursuivis pour entrave.", lang="fr")


@pytest.mark.parametrize("lang,protest,organisation,amnesty", [
    ("ru", "В понедельник в Алматы прошёл митинг.",
     "Правозащитная организация «Международная амнистия» призвала власти освободить задержанных.",
     "После протестов парламент объявил амнистию для задержанных."),
    ("uk", "У понеділок в Алмати відбувся мітинг.", "Міжнародна амністія закликала владу звільнити затриманих.",
     "Після протестів парламент оголосив амністію для затриманих."),
    ("es", "El lunes hubo una manifestación en Almaty.",
     "Amnistía Internacional pidió a las autoridades liberar a los detenidos.",
     "Tras las protestas, el Congreso aprobó una amnistía para los detenidos."),
    ("kk", "Дүйсенбі күні Алматыда митинг өтті.", "Халықаралық амнистия ұйымы билікті ұсталғандарды босатуға шақырды.",
     "Наразылықтан кейін парламент ұсталғандарға амнистия жариялады."),
])
def test_amnesty_international_is_no_amnesty(lang: str, protest: str, organisation: str, amnesty: str) -> None:
    """The human-rights organisation's name is no political reform; an amnesty still is one (taxonomy)."""
    def reforms(text: str) -> list[Event]:
        got = extract_text(f"{protest} {text}", lang=lang, published="2022-01-12")
        return [e for e in got if e.type == "response.political_reform"]

    assert reforms(organisation) == []
    assert len(reforms(amnesty)) == 1


@pytest.mark.parametrize("lang, text", [
    ("en", "Thousands marched in Mandalay on Sunday against the military coup."),
    ("es", "Miles de personas se manifestaron el domingo en Mandalay contra el golpe de estado militar."),
    ("it", "Migliaia di persone hanno manifestato domenica a Mandalay per protestare contro il colpo di Stato."),
    ("pl", "W niedzielę tysiące ludzi protestowało w Mandalaj przeciwko zamachowi stanu."),
])
def test_a_coup_the_protest_opposes_is_no_label(lang: str, text: str) -> None:
    got = _types(text, lang=lang)
    assert ("protest.demonstration", "asserted") in got
    assert not any(t == "response.delegitimization" for t, _ in got)


def test_a_coup_label_for_the_protesters_stays() -> None:
    got = _types("After the protests in Bishkek on Monday, the president accused the organisers of plotting a coup.")
    assert ("response.delegitimization", "asserted") in got
