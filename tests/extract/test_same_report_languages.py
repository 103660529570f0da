"""Issue 7: the same short report, written by us in several languages, yields the same events."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_document
from contention.records import Document

PUBLISHED = "2016-10-06"
REPORTS = {
    "en": ("On Monday about 300 oil workers went on strike in Zhanaozen over unpaid wages. "
           "Police detained five strike leaders in Aktau on Tuesday. "
           "On Wednesday the regional akim met representatives of the strikers, and the company agreed to raise wages."),
    "ru": ("В понедельник около 300 нефтяников объявили забастовку в Жанаозене из-за невыплаты зарплаты. "
           "Во вторник в Актау полиция задержала пятерых лидеров забастовки. "
           "В среду аким области встретился с представителями бастующих, и компания согласилась повысить зарплату."),
    "fr": ("Lundi, environ 300 ouvriers du pétrole se sont mis en grève à Janaozen pour des salaires impayés. "
           "Mardi, la police a interpellé cinq meneurs de la grève à Aktaou. "
           "Mercredi, l'akim de la région a rencontré des représentants des grévistes, et l'entreprise a accepté d'augmenter les salaires."),
    "es": ("El lunes unos 300 trabajadores petroleros se declararon en huelga en Zhanaozen por salarios impagados. "
           "El martes la policía detuvo a cinco líderes de la huelga en Aktau. "
           "El miércoles el akim regional se reunió con representantes de los huelguistas y la empresa aceptó subir los salarios."),
}
EXPECTED = {
    ("protest.strike", "2016-10-03", "Zhanaozen"),
    ("response.detention", "2016-10-04", "Aktau"),
    ("response.negotiation", "2016-10-05"),
    ("response.material_concession", "2016-10-05"),
}


def _signature(lang: str) -> set[tuple[str, ...]]:
    res = extract_document(Document(f"same-{lang}", REPORTS[lang], lang=lang, published=PUBLISHED))
    out = set()
    for e in res.events:
        if e.modality != "asserted":
            continue
        out.add((e.type, e.date, e.place) if e.type in ("protest.strike", "response.detention") else (e.type, e.date))
    return out


@pytest.mark.parametrize("lang", sorted(REPORTS))
def test_same_report_yields_the_same_events(lang: str) -> None:
    assert EXPECTED <= _signature(lang)
