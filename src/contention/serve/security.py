"""Sessions that can be taken back, CSRF tokens for every POST, and sign-in that cannot be guessed at.

* The session cookie holds a random token, signed with the app secret; the store keeps only the
  token's SHA-256 with the reviewer and an expiry (``sessions`` table). A session counts only while
  its row exists: signing out, a new password (``user add`` again) and ``user remove`` end it, on
  every server process that shares the database.
* Every visitor gets a random ``csrf`` cookie; forms carry HMAC(secret, that cookie), so a page on
  another site can neither read nor forge the token (double-submit, signed).
* Sign-in: a name that does not exist costs the same scrypt as a wrong password (no timing tells
  which names exist); scrypt runs in a worker thread, never in the event loop; and after
  ``MAX_FAILURES`` failures from one client for one name (or ``MAX_CLIENT_FAILURES`` for any names)
  in ``WINDOW_SECONDS``, sign-in is refused for ``LOCK_SECONDS`` before any password is checked.
* Cookies and tokens that are not ours (another site's, non-ASCII, cut) count as absent: never a 500.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from datetime import UTC, datetime, timedelta

SESSION_COOKIE = "contention_session"
CSRF_COOKIE = "contention_csrf"
#: A reviewer stays signed in this long.
SESSION_SECONDS = 8 * 3600
#: Failed sign-ins of one name from one client, and of any names from one client, before a lock.
MAX_FAILURES, MAX_CLIENT_FAILURES = 5, 20
#: Failures older than this are forgotten; a lock lasts this long.
WINDOW_SECONDS, LOCK_SECONDS = 15 * 60, 15 * 60
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _sign(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _same(a: str, b: str) -> bool:
    """Constant-time comparison that never raises (``compare_digest`` refuses non-ASCII str)."""
    return hmac.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8", "replace"))


def _token_like(value: str | None, longest: int = 128) -> bool:
    return bool(value) and len(value or "") <= longest and set(value or "") <= _TOKEN_CHARS


def session_id(token: str) -> str:
    """What the store keeps of a session token: its SHA-256 (a stolen database gives no cookies)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def new_session(secret: bytes, now: float | None = None) -> tuple[str, str, str]:
    """A new session: (cookie value, session id to store, expiry as ISO time)."""
    token = secrets.token_urlsafe(32)
    expires = datetime.fromtimestamp(now or time.time(), UTC) + timedelta(seconds=SESSION_SECONDS)
    return f"{token}.{_sign(secret, 'session:' + token)}", session_id(token), expires.isoformat(timespec="seconds")


def session_of(secret: bytes, cookie: str | None) -> str | None:
    """The session id a cookie names when its signature is ours, else None (the store says if it is open)."""
    if not cookie or "." not in cookie:
        return None
    token, sig = cookie.rsplit(".", 1)
    if not _token_like(token) or not _same(sig, _sign(secret, "session:" + token)):
        return None
    return session_id(token)


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(24)


def usable_csrf_cookie(cookie: str | None) -> str | None:
    """The visitor's CSRF cookie when it is one we could have issued, else None (a fresh one is set)."""
    return cookie if _token_like(cookie, 64) else None


def csrf_token(secret: bytes, cookie: str) -> str:
    return _sign(secret, "csrf:" + cookie)


def csrf_ok(secret: bytes, cookie: str | None, token: str | None) -> bool:
    return bool(cookie and token) and _same(csrf_token(secret, cookie or ""), token or "")


class SignInGuard:
    """Counts failed sign-ins per (client, name) and per client; ``locked`` says for how long to refuse.

    In memory, per server process (a restart forgets); thread-safe.
    """

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._locked: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def _keys(self, client: str, name: str) -> tuple[tuple[str, str], tuple[str, str]]:
        return (client, name.casefold()), (client, "")

    def locked(self, client: str, name: str, now: float | None = None) -> int:
        """Seconds this client must wait before trying ``name`` again (0: it may try now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            until = max((self._locked.get(k, 0.0) for k in self._keys(client, name)), default=0.0)
        return max(0, int(until - now + 0.999))

    def failed(self, client: str, name: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key, limit in zip(self._keys(client, name), (MAX_FAILURES, MAX_CLIENT_FAILURES), strict=True):
                times = self._failures.setdefault(key, deque())
                times.append(now)
                while times and times[0] <= now - WINDOW_SECONDS:
                    times.popleft()
                if len(times) >= limit:
                    self._locked[key] = now + LOCK_SECONDS
                    times.clear()

    def succeeded(self, client: str, name: str) -> None:
        with self._lock:
            self._failures.pop(self._keys(client, name)[0], None)
