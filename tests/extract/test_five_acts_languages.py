"""Issue 7: in each of the eleven languages, a strike, an arrest, an internet shutdown, a concession and a
negated use of force are each found with the right modality and date (reports written by us)."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_document
from contention.records import Document

PUBLISHED = "2021-05-10"
REPORTS = {
    "en": "On 3 May the factory workers went on strike. On 4 May police detained ten strikers. On 5 May the authorities blocked the internet in the city. On 6 May the company agreed to raise wages. On 7 May the police did not use force against the strikers.",
    "ru": "3 мая рабочие завода объявили забастовку. 4 мая полиция задержала десять бастующих. 5 мая власти заблокировали интернет в городе. 6 мая компания согласилась повысить зарплату. 7 мая полиция не применяла силу против бастующих.",
    "uk": "3 травня робітники заводу оголосили страйк. 4 травня поліція затримала десятьох страйкарів. 5 травня влада заблокувала інтернет у місті. 6 травня компанія погодилася підвищити зарплату. 7 травня поліція не застосовувала силу проти страйкарів.",
    "kk": "3 мамырда зауыт жұмысшылары ереуілге шықты. 4 мамырда полиция он ереуілшіні ұстады. 5 мамырда билік қалада интернетті бұғаттады. 6 мамырда компания жалақыны көтеруге келісті. 7 мамырда полиция ереуілшілерге күш қолданбады.",
    "es": "El 3 de mayo los obreros de la fábrica se declararon en huelga. El 4 de mayo la policía detuvo a diez huelguistas. El 5 de mayo las autoridades bloquearon internet en la ciudad. El 6 de mayo la empresa aceptó subir los salarios. El 7 de mayo la policía no usó la fuerza contra los huelguistas.",
    "fr": "Le 3 mai, les ouvriers de l'usine se sont mis en grève. Le 4 mai, la police a interpellé dix grévistes. Le 5 mai, les autorités ont bloqué internet dans la ville. Le 6 mai, l'entreprise a accepté d'augmenter les salaires. Le 7 mai, la police n'a pas fait usage de la force contre les grévistes.",
    "de": "Am 3. Mai traten die Arbeiter der Fabrik in den Streik. Am 4. Mai nahm die Polizei zehn Streikende fest. Am 5. Mai sperrten die Behörden das Internet in der Stadt. Am 6. Mai erklärte sich das Unternehmen bereit, die Löhne zu erhöhen. Am 7. Mai setzte die Polizei keine Gewalt gegen die Streikenden ein.",
    "pt": "Em 3 de maio, os operários da fábrica entraram em greve. Em 4 de maio, a polícia deteve dez grevistas. Em 5 de maio, as autoridades bloquearam a internet na cidade. Em 6 de maio, a empresa aceitou aumentar os salários. Em 7 de maio, a polícia não usou a força contra os grevistas.",
    "it": "Il 3 maggio gli operai della fabbrica sono entrati in sciopero. Il 4 maggio la polizia ha arrestato dieci scioperanti. Il 5 maggio le autorità hanno bloccato internet in città. Il 6 maggio l'azienda ha accettato di aumentare i salari. Il 7 maggio la polizia non ha usato la forza contro gli scioperanti.",
    "pl": "3 maja robotnicy fabryki rozpoczęli strajk. 4 maja policja zatrzymała dziesięciu strajkujących. 5 maja władze zablokowały internet w mieście. 6 maja firma zgodziła się podnieść płace. 7 maja policja nie użyła siły wobec strajkujących.",
    "et": "3. mail alustasid tehase töötajad streiki. 4. mail pidas politsei kinni kümme streikijat. 5. mail blokeerisid võimud linnas interneti. 6. mail nõustus ettevõte palku tõstma. 7. mail politsei ei kasutanud streikijate vastu jõudu.",
}
ACTS = [
    ("a strike", {"protest.strike"}, "asserted", "2021-05-03"),
    ("an arrest", {"response.detention"}, "asserted", "2021-05-04"),
    ("an internet shutdown", {"response.information_control"}, "asserted", "2021-05-05"),
    ("a concession", {"response.material_concession", "response.policy_concession"}, "asserted", "2021-05-06"),
    ("a negated use of force", {"response.physical_force", "response.lethal_force", "response.dispersal"}, "negated", "2021-05-07"),
]


@pytest.fixture(scope="module")
def coded() -> dict[str, list]:
    return {lang: list(extract_document(Document(f"five-{lang}", text, lang=lang, published=PUBLISHED)).events)
            for lang, text in REPORTS.items()}


@pytest.mark.parametrize("lang", sorted(REPORTS))
@pytest.mark.parametrize(("what", "types", "modality", "date"), ACTS, ids=[a[0] for a in ACTS])
def test_five_acts_found_with_modality_and_date(coded, lang: str, what: str, types: set[str], modality: str, date: str) -> None:
    hits = [(e.type, e.modality, e.date) for e in coded[lang] if e.type in types]
    assert any(m == modality and d == date for _, m, d in hits), f"{lang}: {what} -> {hits}"
