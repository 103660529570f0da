"""Rule 20: releasing detainees and restoring a cut connection are policy concessions, in the wordings reports use
when the detention or the shutdown was told in an earlier sentence (our own sentences)."""
from __future__ import annotations

import pytest

from contention.extract.extractor import extract_text

PROTEST = {
    "en": "Hundreds of people protested in Aktobe on 5 May; police detained dozens. ",
    "ru": "5 мая сотни людей вышли на митинг в Актобе, полиция задержала десятки. ",
    "uk": "5 травня сотні людей вийшли на мітинг в Актобе, поліція затримала десятки. ",
    "et": "5. mail toimus Aktöbes meeleavaldus, politsei pidas kinni kümneid inimesi. ",
}

CONCESSIONS = [
    ("en", "Two of them were later released."),
    ("en", "All of those individuals were set free several hours later."),
    ("en", "They were released after several hours."),
    ("ru", "По решению суда освобождены 40 человек."),
    ("ru", "Вышедших на свободу активистов встречали у ворот."),
    ("ru", "Доступ к мессенджерам восстановили в субботу."),
    ("uk", "Месенджери запрацювали в суботу."),
    ("et", "Opositsiooniliidrid vabastati järgmisel päeval."),
    ("et", "Kõik kinnipeetud lasti õhtul vabaks."),
]

NOT_CONCESSIONS = [
    ("en", "Two protesters were released from hospital."),
    ("en", "The report was released on Monday."),
    ("ru", "Губернатор освободил от должности министра."),
    ("et", "Minister vabastati ametist."),
]


def _types(lang: str, sentence: str) -> set[str]:
    return {e.type for e in extract_text(PROTEST[lang] + sentence, lang=lang, published="2021-05-08")
            if sentence[:12] in e.evidence.text}


@pytest.mark.parametrize("lang,sentence", CONCESSIONS)
def test_a_release_or_a_restored_connection_is_a_policy_concession(lang: str, sentence: str) -> None:
    assert "response.policy_concession" in _types(lang, sentence)


@pytest.mark.parametrize("lang,sentence", NOT_CONCESSIONS)
def test_a_release_from_hospital_or_office_is_none(lang: str, sentence: str) -> None:
    assert "response.policy_concession" not in _types(lang, sentence)
