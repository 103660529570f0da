from __future__ import annotations

import pandas as pd
import pytest

from contention.analyse.frame import normalise_frame
from contention.analyse.repertoire import per_episode, repertoire_by_year, response_counts, with_episodes
from contention.link.episodes import build_episodes


def _table(kz_events):
    episodes, mapping = build_episodes(kz_events)
    return per_episode(kz_events, episodes, mapping).set_index("episode_id"), mapping


def test_repertoire_per_episode_mix_and_flags(kz_events):
    table, mapping = _table(kz_events)
    zh = table.loc[mapping.set_index("event_key").loc["p2", "episode_id"]]
    assert zh["n_protests"] == 1 and zh["n_responses"] == 4  # r1-r4; the May strike is its own episode
    assert zh["n_repression"] == 3 and zh["n_accommodation"] == 1
    assert zh["share_repression"] == pytest.approx(0.75)
    assert zh["lethal"] and zh["information_control"]
    assert zh["killed"] == 16 and zh["injured"] == 100 and zh["detained"] == 0
    assert zh["repression_vs_accommodation"] == "repression_first"
    may = table.loc[mapping.set_index("event_key").loc["p1", "episode_id"]]
    assert may["detained"] == 40 and may["participants"] == 15000 and may["n_responses"] == 1
    atyrau = table[table["admin1"] == "Atyrau"].iloc[0]
    assert atyrau["preemptive_share"] == pytest.approx(0.5)
    assert not atyrau["lethal"]
    assert atyrau["share_accommodation"] == pytest.approx(0.5) and atyrau["share_preemption"] == pytest.approx(0.5)
    almaty = table[table["admin1"] == "Almaty"].iloc[0]
    assert almaty["n_responses"] == 2  # the negated physical_force is not counted
    assert almaty["first_response_type"] == "response.detention" and almaty["days_to_first_response"] == 0


def test_repertoire_response_counts_by_type(kz_events):
    _, mapping = build_episodes(kz_events)
    counts = response_counts(with_episodes(kz_events, mapping), by="type")
    assert counts.shape[1] == 17
    assert counts["response.detention"].sum() == 2 and counts["response.lethal_force"].sum() == 1


def test_repertoire_by_year_counts_and_shares(kz_events):
    out = repertoire_by_year(normalise_frame(kz_events)).set_index("year")
    assert list(out.index) == [2010, 2011, 2016, 2019]
    assert out.loc[2011, "n_responses"] == 5 and out.loc[2011, "n_repression"] == 4
    assert out.loc[2011, "share_repression"] == pytest.approx(0.8)
    shares = out[[c for c in out.columns if c.startswith("share_")]].sum(axis=1)
    assert shares.to_numpy() == pytest.approx(1.0)


def test_repertoire_by_year_by_region(kz_events):
    out = repertoire_by_year(normalise_frame(kz_events), by=("country", "admin1"))
    assert set(out.columns) >= {"country", "admin1", "year", "n_responses"}
    assert out["n_responses"].sum() == 10  # national-level responses stay, in a group with admin1 missing
    assert out["admin1"].isna().sum() == 2  # 2011 and 2019


@pytest.mark.parametrize("by", [("country",), ("country", "admin1")])
def test_repertoire_by_year_matches_plain_groupby(by):
    import numpy as np

    from contention.taxonomy import EVENT_TYPES, family

    rng = np.random.default_rng(7)
    n = 5000
    types = np.array(EVENT_TYPES, dtype=object)[rng.integers(0, len(EVENT_TYPES), n)]
    dates = np.array(["1999-03-04", "2005-11", "2011", "2011-12-16", None, "2020-02-25"], dtype=object)[rng.integers(0, 6, n)]
    frame = pd.DataFrame({
        "type": types, "family": [family(t) for t in types], "date": dates,
        "country": np.array(["KZ", "KG", None], dtype=object)[rng.integers(0, 3, n)],
        "admin1": np.array(["A", "B", None], dtype=object)[rng.integers(0, 3, n)],
        "modality": np.array(["asserted", "planned", None], dtype=object)[rng.integers(0, 3, n)],
    })
    fast = repertoire_by_year(frame, by=by)
    ok = frame[frame["modality"].isna() | (frame["modality"] == "asserted")]
    ok = ok[ok["family"] != "protest"].dropna(subset=["date"]).assign(year=lambda d: d["date"].str[:4].astype(int))
    slow = ok.groupby(list(by) + ["year", "family"], dropna=False).size().unstack(fill_value=0)
    assert len(fast) == len(slow)
    merged = fast.set_index(list(by) + ["year"])
    for fam in ("repression", "preemption", "accommodation", "rhetoric"):
        expected = slow[fam]
        assert (merged[f"n_{fam}"].sort_index().to_numpy() == expected.sort_index().to_numpy()).all()
