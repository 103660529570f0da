from __future__ import annotations

import pytest

from contention import analyse, link


@pytest.mark.parametrize("module", [analyse, link])
def test_exports_all_names_exist(module):
    public = {n for n in dir(module) if not n.startswith("_") and not isinstance(getattr(module, n), type(analyse))}
    assert set(module.__all__) <= public
    for name in module.__all__:
        assert getattr(module, name).__doc__ or name == "COLUMNS"
