"""The pure parts of review and serving: passwords, signed sessions, CSRF, overlay, highlighting."""
from __future__ import annotations

import pytest

from contention.errors import InputError
from contention.records import Event, Evidence
from contention.review import hash_password, ops, reviewed, verify_password
from contention.serve import security
from contention.serve.highlight import runs

TEXT = "Strikers marched to the square. Police dispersed them at dusk."
EV = Event(type="response.dispersal", evidence=Evidence("d1", 32, 62, TEXT[32:62]), date="2020-05-01", country="KZ")


@pytest.mark.parametrize("attempt,ok", [("a long secret", True), ("a long secreT", False), ("", False)])
def test_accounts_scrypt_is_salted_and_checked(attempt: str, ok: bool) -> None:
    stored = hash_password("a long secret")
    assert stored != hash_password("a long secret")  # a new salt each time
    assert verify_password(attempt, stored) is ok


@pytest.mark.parametrize("stored", [None, "", "md5$abc", "scrypt$x$y"])
def test_accounts_malformed_hash_never_matches(stored: str | None) -> None:
    assert verify_password("anything", stored) is False


@pytest.mark.parametrize("secret,now,expect", [(b"k", 1000.0, "ana"), (b"other", 1000.0, None),
                                               (b"k", 1000.0 + security.SESSION_SECONDS + 1, None)])
def test_security_session_signed_and_expires(secret: bytes, now: float, expect: str | None) -> None:
    cookie = security.make_session(b"k", "ana", now=1000.0)
    assert security.read_session(secret, cookie, now=now) == expect


@pytest.mark.parametrize("cookie,token,ok", [("c1", None, True), ("c1", "x", False), (None, None, False)])
def test_security_csrf(cookie: str | None, token: str | None, ok: bool) -> None:
    real = security.csrf_token(b"k", "c1")
    assert security.csrf_ok(b"k", cookie, token if token is not None else real) is ok


@pytest.mark.parametrize("attrs,check", [
    ({"date": "2020-05-02"}, lambda e: e.date == "2020-05-02"),
    ({"injured": "3"}, lambda e: e.counts == {"injured": 3}),
    ({"type": "response.physical_force", "preemptive": "true"}, lambda e: e.family == "repression" and e.preemptive),
])
def test_ops_correct_overlays_and_keeps_machine(attrs, check) -> None:  # type: ignore[no-untyped-def]
    changes = ops.correct("k1", EV, None, ops.clean_attrs(attrs))
    out = reviewed(EV, changes["k1"])
    assert out is not None and check(out) and EV.date == "2020-05-01"


@pytest.mark.parametrize("attrs", [{"type": "response.nonsense"}, {"killed": "-1"}, {"killed": "many"},
                                   {"modality": "maybe"}])
def test_ops_bad_values_refused(attrs: dict[str, str]) -> None:
    with pytest.raises(InputError):
        ops.clean_attrs(attrs)


@pytest.mark.parametrize("status", ["deleted"])
def test_ops_merge_moves_evidence_and_takes_other_out(status: str) -> None:
    other = EV.with_(evidence=Evidence("d2", 0, 10, "Police dis"))
    changes = ops.merge("a", EV, None, "b", other, None)
    assert reviewed(other, changes["b"]) is None and changes["b"]["merged_into"] == "a"
    kept = reviewed(EV, changes["a"])
    assert kept is not None and [e.doc_id for e in kept.all_evidence()] == ["d1", "d2"]
    gone = ops.delete("a", EV, None)["a"]
    assert gone["status"] == status and reviewed(EV, gone) is None
    with pytest.raises(InputError):
        ops.confirm("a", EV, gone)


@pytest.mark.parametrize("spans,marked", [
    ([(0, 8, "a", True, True)], ["Strikers"]),
    ([(0, 15, "a", False, False), (9, 20, "b", False, False)], ["Strikers ", "marche", "d to "]),
])
def test_highlight_runs_cover_text_and_mark_spans(spans, marked) -> None:  # type: ignore[no-untyped-def]
    got = runs(TEXT, spans)
    assert "".join(r.text for r in got) == TEXT
    assert [r.text for r in got if r.keys] == marked
