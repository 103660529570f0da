from __future__ import annotations

import pytest

from contention.analyse.uncertainty import describe_uncertainty


@pytest.mark.parametrize("n,words", [
    (0, "nothing can be estimated"), (1, "only 1 episode before the landmark: the interval is wide"),
    (3, "only 3 episodes before the landmark: the interval is wide; treat as suggestive"),
    (8, "indicative"), (40, "40 episodes before the landmark")])
def test_uncertainty_describe(n, words):
    text = describe_uncertainty(n, where="before the landmark")
    assert words in text
    if n >= 15:
        assert "wide" not in text and "indicative" not in text
