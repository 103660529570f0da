"""Rule 3: a state act dated well before every protest of a document does not answer them (our own sentences)."""
from __future__ import annotations

from contention.extract.extractor import extract_document
from contention.extract.merge import drop_responses_before_protests
from contention.records import Document, Event, Evidence


def _types(text: str, published: str) -> dict[str, set[str | None]]:
    res = extract_document(Document("t", text, lang="en", published=published), semantic="off")
    out: dict[str, set[str | None]] = {}
    for e in res.events:
        if e.modality == "asserted":
            out.setdefault(e.type, set()).add(e.date)
    return out


def test_an_act_months_before_the_protests_is_background() -> None:
    found = _types("The long-serving minister of energy resigned in March 2019. "
                   "On 9 June 2019 thousands of people protested in Almaty against the election. "
                   "Police detained about 300 protesters in the city.", "2019-06-10")
    assert "protest.demonstration" in found and "response.detention" in found
    assert "response.personnel_change" not in found


def _ev(typ: str, date: str | None, **kw) -> Event:
    return Event(type=typ, evidence=Evidence("d", 0, 1, "x"), date=date, country="KZ", **kw)


def test_the_run_up_and_preemption_stay() -> None:
    strike = _ev("protest.strike", "2024-03-05")
    talks = _ev("response.negotiation", "2024-02")           # one month before: the run-up to the strike
    early = _ev("response.detention", "2023-12-20", preemptive=True)
    old = _ev("response.policy_concession", "2023-11")       # months before, not preemptive: dropped
    assert drop_responses_before_protests([strike, talks, early, old]) == [strike, talks, early]


def test_undated_protests_keep_every_response() -> None:
    events = [_ev("protest.strike", None), _ev("protest.strike", "2024-03"), _ev("response.negotiation", "2023-05")]
    assert drop_responses_before_protests(events) == events
