"""Signed cookies for sessions, CSRF tokens for every POST; stdlib HMAC only.

The session cookie holds the reviewer's name and an expiry, signed with the app secret.
Every visitor gets a random ``csrf`` cookie; forms carry HMAC(secret, that cookie), so a
page on another site can neither read nor forge the token (double-submit, signed).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

SESSION_COOKIE = "contention_session"
CSRF_COOKIE = "contention_csrf"
#: A reviewer stays signed in this long.
SESSION_SECONDS = 8 * 3600


def _sign(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def make_session(secret: bytes, user: str, now: float | None = None) -> str:
    body = base64.urlsafe_b64encode(json.dumps({"u": user, "exp": int((now or time.time()) + SESSION_SECONDS)})
                                    .encode("utf-8")).decode("ascii")
    return f"{body}.{_sign(secret, 'session:' + body)}"


def read_session(secret: bytes, cookie: str | None, now: float | None = None) -> str | None:
    """The signed-in reviewer's name, or None for no, a forged or an expired cookie."""
    if not cookie or "." not in cookie:
        return None
    body, sig = cookie.rsplit(".", 1)
    if not hmac.compare_digest(sig, _sign(secret, "session:" + body)):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(body.encode("ascii")))
    except ValueError:
        return None
    if int(data.get("exp", 0)) < (now or time.time()):
        return None
    return str(data["u"])


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(secret: bytes, cookie: str) -> str:
    return _sign(secret, "csrf:" + cookie)


def csrf_ok(secret: bytes, cookie: str | None, token: str | None) -> bool:
    return bool(cookie and token) and hmac.compare_digest(csrf_token(secret, cookie or ""), token or "")
