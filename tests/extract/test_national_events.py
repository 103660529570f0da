"""Rules 6 and 22: an act told for the whole country ("across the country", "in other cities") keeps place null and
is not put in the town the story is about. Our own sentences, one document per pack language."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_text

CASES = [
    ("en", "Oil workers rallied in Aktau on Monday. By Wednesday, protests had spread across the country."),
    ("ru", "В понедельник нефтяники вышли на митинг в Актау. К среде протесты прошли по всей стране."),
    ("uk", "У понеділок нафтовики вийшли на мітинг в Актау. До середи протести пройшли по всій країні."),
    ("de", "Am Montag demonstrierten Ölarbeiter in Aktau. Bis Mittwoch gab es landesweit Proteste."),
    ("fr", "Lundi, des ouvriers du pétrole ont manifesté à Aktau. Mercredi, des manifestations ont eu lieu dans tout le pays."),
    ("es", "El lunes, trabajadores petroleros protestaron en Aktau. El miércoles hubo protestas en todo el país."),
    ("it", "Lunedì i lavoratori del petrolio hanno protestato ad Aktau. Mercoledì le proteste si sono estese in tutto il paese."),
    ("pt", "Na segunda-feira, petroleiros protestaram em Aktau. Na quarta-feira houve protestos em todo o país."),
    ("pl", "W poniedziałek naftowcy protestowali w Aktau. W środę protesty odbyły się w całym kraju."),
]


@pytest.mark.parametrize("lang,text", CASES, ids=[c[0] for c in CASES])
def test_nationwide_protest_keeps_place_null(lang: str, text: str) -> None:
    events = [e for e in extract_text(text, lang=lang, published="2022-01-07") if e.type.startswith("protest.")]
    assert any(e.place == "Aktau" for e in events), [(e.type, e.place, e.evidence.text) for e in events]
    national = [e for e in events if e.place is None]
    assert national and all(e.country == "KZ" for e in national), [(e.type, e.place, e.country) for e in events]
