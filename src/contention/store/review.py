"""The review paths: accounts, the reviewed overlay of events, and the audit log with undo.

Review never touches ``events`` or ``evidence``: the machine coding stays as it was. The
overlay of one event key is a JSON state in ``review_state``; every change is one
``audit_log`` row holding the states before and after of each key it touched, so undo is
"write the before states back" (refused when a later change has moved any of them).
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, text

from ..errors import StoreError
from .rows import loads, now

_AUDIT_COLS = "a.id, a.who, a.at, a.action, a.reason, a.changes, a.undoes, a.undone_by"


def _dump(state: Mapping[str, Any] | None) -> str | None:
    return None if state is None else json.dumps(state, ensure_ascii=False, sort_keys=True)


def add_user(conn: Connection, name: str, password_hash: str) -> None:
    """Create reviewer ``name`` or give it a new password; either way its sessions end."""
    conn.execute(text("DELETE FROM sessions WHERE user_name = :n"), {"n": name})
    conn.execute(text("DELETE FROM users WHERE name = :n"), {"n": name})
    conn.execute(text("INSERT INTO users (name, password, created) VALUES (:n, :p, :t)"),
                 {"n": name, "p": password_hash, "t": now()})


def remove_user(conn: Connection, name: str) -> bool:
    """Remove reviewer ``name`` and its sessions (its audit entries stay); RETURNS whether it existed."""
    conn.execute(text("DELETE FROM sessions WHERE user_name = :n"), {"n": name})
    return bool(conn.execute(text("DELETE FROM users WHERE name = :n"), {"n": name}).rowcount)


def users(conn: Connection) -> list[dict[str, Any]]:
    """Every reviewer: name, created, and how many unexpired sessions it has."""
    rows = conn.execute(text("SELECT u.name, u.created, COUNT(s.id) AS sessions FROM users u "
                             "LEFT JOIN sessions s ON s.user_name = u.name AND s.expires > :t "
                             "GROUP BY u.name, u.created ORDER BY u.name"), {"t": now()})
    return [dict(r) for r in rows.mappings()]


def add_session(conn: Connection, session_id: str, name: str, expires: str) -> None:
    """A new session of reviewer ``name`` (``session_id``: the hash of the cookie's token); expired ones go."""
    conn.execute(text("DELETE FROM sessions WHERE expires <= :t"), {"t": now()})
    conn.execute(text("INSERT INTO sessions (id, user_name, created, expires) VALUES (:i, :n, :t, :e)"),
                 {"i": session_id, "n": name, "t": now(), "e": expires})


def session_user(conn: Connection, session_id: str) -> str | None:
    """The reviewer of an unexpired session, or None."""
    return conn.execute(text("SELECT user_name FROM sessions WHERE id = :i AND expires > :t"),
                        {"i": session_id, "t": now()}).scalar()


def drop_session(conn: Connection, session_id: str) -> None:
    conn.execute(text("DELETE FROM sessions WHERE id = :i"), {"i": session_id})


def user_password(conn: Connection, name: str) -> str | None:
    return conn.execute(text("SELECT password FROM users WHERE name = :n"), {"n": name}).scalar()


def states(conn: Connection, keys: Sequence[str] | None = None, doc_id: str | None = None) -> dict[str, dict[str, Any]]:
    """The overlay state per event key: of ``keys``, of one document's keys, or every one."""
    if keys is not None:
        from .read import IN_CHUNK
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(keys), IN_CHUNK):
            part = list(keys[i:i + IN_CHUNK])
            names = {f"k{j}": k for j, k in enumerate(part)}
            marks = ", ".join(f":{n}" for n in names)
            rows = conn.execute(text(f"SELECT event_key, state FROM review_state WHERE event_key IN ({marks})"), names)
            out.update((r[0], loads(r[1])) for r in rows)
        return out
    if doc_id is not None:
        rows = conn.execute(text("SELECT event_key, state FROM review_state WHERE doc_id = :d ORDER BY event_key"),
                            {"d": doc_id})
    else:
        rows = conn.execute(text("SELECT event_key, state FROM review_state ORDER BY event_key"))
    return {r[0]: loads(r[1]) for r in rows}


def _write_state(conn: Connection, key: str, state: Mapping[str, Any] | None) -> None:
    conn.execute(text("DELETE FROM review_state WHERE event_key = :k"), {"k": key})
    if state is not None:
        conn.execute(text("INSERT INTO review_state (event_key, doc_id, state, updated) VALUES (:k, :d, :s, :t)"),
                     {"k": key, "d": state.get("doc_id"), "s": _dump(state), "t": now()})


def record(conn: Connection, who: str, action: str, reason: str,
           changes: Mapping[str, Mapping[str, Any] | None], undoes: int | None = None) -> int:
    """Write the new ``changes`` (event key -> state, None for "no review") and log them; returns the entry id."""
    if not changes:
        raise StoreError(f"{action}: nothing to change")
    before = states(conn, sorted(changes))
    diff = [{"event_key": k, "before": before.get(k), "after": changes[k]} for k in sorted(changes)]
    for k in sorted(changes):
        _write_state(conn, k, changes[k])
    entry = conn.execute(text("INSERT INTO audit_log (who, at, action, reason, changes, undoes) "
                              "VALUES (:w, :t, :a, :r, :c, :u) RETURNING id"),
                         {"w": who, "t": now(), "a": action, "r": reason or "", "u": undoes,
                          "c": json.dumps(diff, ensure_ascii=False, sort_keys=True)}).scalar_one()
    for k in sorted(changes):
        conn.execute(text("INSERT INTO audit_events (entry_id, event_key) VALUES (:e, :k)"), {"e": entry, "k": k})
    return int(entry)


def undo(conn: Connection, entry_id: int, who: str, reason: str) -> int:
    """Write back the states before entry ``entry_id``; refused if undone already or changed since."""
    row = conn.execute(text(f"SELECT {_AUDIT_COLS} FROM audit_log a WHERE a.id = :i"), {"i": int(entry_id)}).mappings().first()
    if row is None:
        raise StoreError(f"no audit entry {entry_id}")
    if row["undone_by"] is not None:
        raise StoreError(f"audit entry {entry_id} was undone already (by entry {row['undone_by']})")
    diff = loads(row["changes"])
    current = states(conn, [d["event_key"] for d in diff])
    moved = [d["event_key"] for d in diff if current.get(d["event_key"]) != d["after"]]
    if moved:
        raise StoreError(f"cannot undo entry {entry_id}: event {moved[0]} was changed since",
                         hint="undo the later changes first")
    new = record(conn, who, "undo", reason or f"undo of entry {entry_id}",
                 {d["event_key"]: d["before"] for d in diff}, undoes=int(entry_id))
    conn.execute(text("UPDATE audit_log SET undone_by = :n WHERE id = :i"), {"n": new, "i": int(entry_id)})
    return new


def audit(conn: Connection, event_key: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Audit entries, newest first, of one event key or all."""
    params: dict[str, Any] = {"limit": int(limit), "offset": int(offset)}
    sql = f"SELECT {_AUDIT_COLS} FROM audit_log a"
    if event_key is not None:
        sql += " WHERE a.id IN (SELECT entry_id FROM audit_events WHERE event_key = :k)"
        params["k"] = event_key
    rows = conn.execute(text(sql + " ORDER BY a.id DESC LIMIT :limit OFFSET :offset"), params).mappings()
    return [{**r, "changes": loads(r["changes"])} for r in rows]
