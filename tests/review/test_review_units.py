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


@pytest.mark.parametrize("secret,ok", [(b"k", True), (b"other", False)])
def test_security_session_cookie_is_signed_and_names_a_hash(secret: bytes, ok: bool) -> None:
    cookie, sid, expires = security.new_session(b"k", now=1000.0)
    assert (security.session_of(secret, cookie) == sid) is ok
    assert sid not in cookie and cookie.split(".")[0] not in sid  # the store keeps a hash, never the token
    assert expires == "1970-01-01T08:16:40+00:00"  # 1000 s + 8 hours


@pytest.mark.parametrize("cookie", ["", "x", "a.b", "ä.ö", "Zhanaözen.1234", "🙂" * 50 + ".x", "." * 3, "a" * 5000])
def test_security_foreign_cookies_count_as_none(cookie: str) -> None:
    assert security.session_of(b"k", cookie) is None
    assert security.usable_csrf_cookie(cookie) is None or cookie in ("x",)
    assert security.csrf_ok(b"k", cookie, "ä") is False


@pytest.mark.parametrize("cookie,token,ok", [("c1", None, True), ("c1", "x", False), (None, None, False),
                                             ("c1", "жжж", False)])
def test_security_csrf(cookie: str | None, token: str | None, ok: bool) -> None:
    real = security.csrf_token(b"k", "c1")
    assert security.csrf_ok(b"k", cookie, token if token is not None else real) is ok


def test_security_sign_in_guard_locks_after_failures_and_forgets() -> None:
    guard = security.SignInGuard()
    for i in range(security.MAX_FAILURES - 1):
        guard.failed("1.2.3.4", "ana", now=100.0 + i)
    assert guard.locked("1.2.3.4", "ana", now=110.0) == 0
    guard.failed("1.2.3.4", "Ana", now=110.0)  # names compare without case
    assert guard.locked("1.2.3.4", "ana", now=111.0) == security.LOCK_SECONDS - 1
    assert guard.locked("5.6.7.8", "ana", now=111.0) == 0  # another client is not locked out
    assert guard.locked("1.2.3.4", "ana", now=110.0 + security.LOCK_SECONDS) == 0
    for i in range(security.MAX_CLIENT_FAILURES):  # one client trying many names
        guard.failed("9.9.9.9", f"user{i}", now=200.0)
    assert guard.locked("9.9.9.9", "someone-else", now=201.0) > 0


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
