"""import --code-notes: the extractor over a dataset's notes adds what the coded columns lack."""
from __future__ import annotations

import csv

import pytest

from contention.analyse import learn
from contention.datasets.load import import_dataset
from contention.datasets.notes import NotesAgreement, code_notes
from contention.datasets.reading import ImportedRecord
from contention.pipeline import rebuild_episodes
from contention.records import Document, Event, Evidence
from contention.store import open_store

TEXT = ("Workers struck at the plant. Police detained ten strikers. The leaders were later sentenced. "
        "In 1986 troops had fired on a crowd. On 16 December police opened fire.")


def _record(start: str = "2011-05-26", types: tuple[str, ...] = ("response.detention",)) -> ImportedRecord:
    doc = Document("x:1", TEXT, lang="en", published=start)
    whole = Evidence("x:1", 0, len(TEXT), TEXT)
    events = (Event("protest.strike", whole, date=start, country="KZ", admin1="Mangystau", place="Zhanaozen and Aktau",
                    origin="imported:x", source_id="1"),)
    events += tuple(Event(t, whole, date=start, country="KZ", admin1="Mangystau", origin="imported:x",
                          source_id=f"1:{t}") for t in types)
    return ImportedRecord("x", "1", "f.csv", 2, events, doc, {}, text_origin="notes")


def _span(phrase: str, type_: str, date: str | None) -> Event:
    start = TEXT.index(phrase)
    return Event(type_, Evidence("x:1", start, start + len(phrase), phrase), date=date, country=None, place=None)


def _fake_extract(doc: Document) -> tuple[Event, ...]:
    assert doc.published == "2011-12-19"  # read from the reference date, not the row's start
    return (_span("Police detained ten strikers.", "response.detention", "2011-05-26"),
            _span("The leaders were later sentenced.", "response.prosecution", None),
            _span("In 1986 troops had fired on a crowd.", "response.lethal_force", "1986"),
            _span("On 16 December police opened fire.", "response.lethal_force", "2011-12-16"),
            _span("Workers struck at the plant.", "protest.strike", "2011-05-26"))


def test_code_notes_adds_what_columns_lack():
    agreement = NotesAgreement("x")
    added = code_notes(_record(), extract=_fake_extract, agreement=agreement, reference_date="2011-12-19",
                       end_date="2011-12-19")
    by_type = {e.type: e for e in added}
    assert set(by_type) == {"response.prosecution", "response.lethal_force"}  # detention is coded; 1986 is outside
    lethal = by_type["response.lethal_force"]
    assert lethal.date == "2011-12-16" and lethal.origin == "imported:x/notes"
    assert lethal.evidence.text == "On 16 December police opened fire." and TEXT[lethal.evidence.start:lethal.evidence.end] == lethal.evidence.text
    assert lethal.country == "KZ" and lethal.admin1 == "Mangystau" and lethal.place is None
    assert by_type["response.prosecution"].date == "2011-05-26"  # undated: the row's date
    assert agreement.found == 4 and agreement.added == 2 and agreement.confirmed == 1 and agreement.outside == 1
    assert agreement.redated == 0  # lethal force was not coded for this row


def test_code_notes_dates_a_coded_type_in_a_long_row():
    agreement = NotesAgreement("x")
    added = code_notes(_record(types=("response.detention", "response.lethal_force")), extract=_fake_extract,
                       agreement=agreement, reference_date="2011-12-19", end_date="2011-12-19")
    lethal = [e for e in added if e.type == "response.lethal_force"]
    assert len(lethal) == 1 and lethal[0].date == "2011-12-16" and "dated by the notes" in lethal[0].rule
    assert agreement.redated == 1
    # a one-day row: the same coded type is the same act
    short = code_notes(_record(start="2011-12-16", types=("response.lethal_force",)),
                       extract=lambda d: (_span("On 16 December police opened fire.", "response.lethal_force", "2011-12-16"),),
                       agreement=NotesAgreement("x"), reference_date="2011-12-16", end_date="2011-12-16")
    assert short == ()


def test_agreement_table_and_kappa():
    agreement = NotesAgreement("x")
    for coded, notes in [({"response.detention"}, {"response.detention"}), ({"response.detention"}, set()),
                         (set(), {"response.detention"}), (set(), set())]:
        agreement.tally(coded, notes)
    rows = {r["kind"]: r for r in agreement.table()}
    det = rows["response.detention"]
    assert (det["both"], det["coded_only"], det["notes_only"], det["neither"]) == (1, 1, 1, 1)
    assert det["agreement"] == 0.5 and det["kappa"] == 0.0
    assert rows["any response"]["rows"] == 4
    assert "response.prosecution" not in rows  # not a type the coded columns produce


@pytest.fixture(scope="module")
def kz_notes_db(tmp_path_factory, request):  # type: ignore[no-untyped-def]
    from tests.shared_path import SHARED

    path = SHARED / "data" / "mass-mobilization" / "mm_kazakhstan.csv"
    if not path.exists():
        pytest.skip("MM Kazakhstan file not available")
    url = f"sqlite:///{tmp_path_factory.mktemp('notes') / 'kz.db'}"
    with open_store(url) as store:
        summary = import_dataset("mm", str(path), store=store, code_notes=True)
        again = import_dataset("mm", str(path), store=store, code_notes=True)
        rebuild_episodes(store)
        frame = store.events_frame()
    return path, summary, again, frame


def _raw_direction(path) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The MM file's own coding, row by row: mean share of repression / accommodation labels
    among a row's coded responses, after minus before 2011-12-16 (ignore and '.' left out)."""
    repression = {"crowd dispersal", "arrests", "beatings", "shootings", "killings"}
    means: dict[str, dict[str, list[float]]] = {"before": {"r": [], "a": []}, "after": {"r": [], "a": []}}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            labels = [row[f"stateresponse{i}"].strip() for i in range(1, 8)]
            labels = [x for x in labels if x in repression or x == "accomodation"]
            if row["protest"] != "1" or not labels:
                continue
            day = f"{int(row['startyear']):04d}-{int(row['startmonth']):02d}-{int(row['startday']):02d}"
            side = "after" if day > "2011-12-16" else "before"
            means[side]["r"].append(sum(x in repression for x in labels) / len(labels))
            means[side]["a"].append(sum(x == "accomodation" for x in labels) / len(labels))
    avg = {s: {k: sum(v) / len(v) for k, v in d.items()} for s, d in means.items()}
    return {"repression": avg["after"]["r"] - avg["before"]["r"], "accommodation": avg["after"]["a"] - avg["before"]["a"]}


def test_mm_kazakhstan_with_code_notes_done_when(kz_notes_db):  # type: ignore[no-untyped-def]
    path, summary, again, frame = kz_notes_db
    notes = summary.notes
    assert notes["rows_with_notes"] == 88 and notes["added"] > 0
    assert again.new_events == 0 and again.new_documents == 0  # re-running is a no-op
    kinds = {r["kind"] for r in notes["agreement"]}
    assert {"any response", "response.detention", "response.lethal_force"} <= kinds
    assert set(frame["origin"]) == {"imported:mm", "imported:mm/notes"}

    result = learn(frame, country="KZ", landmark="2011-12-16", n_boot=200)
    out = result.to_dict()
    # lethal force in the landmark episode, and the notes' 16 December shooting among its events
    landmark = next(s for s in result.sentence_list() if s.topic == "landmark_episode")
    assert "Lethal force is recorded" in landmark.text
    dec16 = frame[(frame["origin"] == "imported:mm/notes") & (frame["type"] == "response.lethal_force")
                  & (frame["date"] == "2011-12-16")]
    assert len(dec16) == 1 and dec16["event_key"].iloc[0] in landmark.event_keys
    assert bool(result.landmark_episodes["lethal"].any())
    # the landmark episode (17-19 December, opened by the 16 December shooting) is compared as 'before'
    marks = set(result.landmark_episodes["episode_id"])
    assert marks and set(result.episodes.set_index("episode_id").loc[sorted(marks), "period"]) == {"before"}
    assert result.mapping.set_index("event_key").loc[dec16["event_key"].iloc[0], "episode_id"] in marks
    # the preemptive share before and after, with intervals
    for period in ("before", "after", "difference"):
        cell = out["preemptive"][period]
        assert cell["estimate"] is not None and cell["ci_low"] <= cell["estimate"] <= cell["ci_high"]
    # how many episodes had no coded response, said in words
    none = out["episodes"]["no_response"]
    assert none["before"]["count"] > 0
    coverage = next(s.text for s in result.sentence_list() if s.topic == "coverage")
    assert f"{none['before']['count']} ({round(100 * none['before']['estimate'])}%) had no coded response" in coverage
    # the same direction for repression and accommodation as the file's own coding
    raw = _raw_direction(path)
    assert raw["repression"] > 0 > raw["accommodation"]
    for fam in ("repression", "accommodation"):
        assert (out[fam]["difference"]["estimate"] > 0) == (raw[fam] > 0), (fam, out[fam]["difference"], raw[fam])
    # MM's coded columns alone: the notes are left out with a leading minus
    coded = learn(frame, country="KZ", origin="imported:mm,-imported:mm/notes", n_boot=50, robustness=False)
    assert set(coded.methods["sources"][0]) >= {"origin"} and all(
        s["origin"] == "imported:mm" for s in coded.methods["sources"])


def test_acled_notes_are_coded_too(tmp_path):  # type: ignore[no-untyped-def]
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "acled_own_rows.csv"
    with open_store(f"sqlite:///{tmp_path / 'acled.db'}") as store:
        first = import_dataset("acled", str(fixture), store=store, code_notes=True)
        again = import_dataset("acled", str(fixture), store=store, code_notes=True)
        frame = store.events_frame()
        runs = store.runs()
    assert first.notes["rows_with_notes"] > 0 and first.notes["added"] > 0
    notes = frame[frame["origin"] == "imported:acled/notes"]
    assert len(notes) == first.notes["added"] and notes["type"].str.startswith("response.").all()
    assert again.new_events == 0
    assert runs[-1]["counts"]["notes"]["agreement"]  # the agreement is kept with the run
    assert "--code-notes" in runs[-1]["command"]
