"""Reviewers' passwords: salted scrypt from the standard library, stored as ``scrypt$n$r$p$salt$hash``."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

#: scrypt cost (2**14, r=8, p=1: about 16 MiB and 50 ms per check, the usual interactive setting).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
SALT_BYTES = 16


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    """A new salted scrypt hash of ``password``."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches ``stored`` (False for no stored hash or a malformed one)."""
    try:
        kind, n, r, p, salt, digest = (stored or "").split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


#: A hash of no one's password: an unknown name is checked against it, so that it costs a wrong password's time.
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
