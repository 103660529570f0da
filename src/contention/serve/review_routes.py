"""The editing side: sign in and out, review acts on events, new events from a span, undo.

Every POST needs the CSRF token of the visitor's cookie; every edit needs a signed-in
reviewer. Both refusals are 403, and nothing is written.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import ContentionError
from ..review import desk
from ..review.accounts import DUMMY_HASH, verify_password
from ..review.overlay import EDITABLE
from . import security
from .app import render
from .pages import store_of

router = APIRouter(include_in_schema=False)


async def _form(request: Request) -> dict[str, Any]:
    """The posted form, after the CSRF check (403 without a valid token)."""
    form = await request.form()
    token = form.get("csrf")
    if not security.csrf_ok(request.app.state.secret, request.cookies.get(security.CSRF_COOKIE),
                            token if isinstance(token, str) else None):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page and try again")
    return {k: form.getlist(k) if k in ("claims",) else form.get(k) for k in form}


def _reviewer(request: Request) -> str:
    user = request.state.user
    if not user:
        raise HTTPException(status_code=403, detail="sign in to edit")
    return str(user)


def _back(path: str, note: str = "") -> Response:
    return RedirectResponse(path + (("?note=" + quote(note)) if note else ""), status_code=303)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await _form(request)
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    nxt = str(form.get("next") or "/events")
    guard: security.SignInGuard = request.app.state.sign_in_guard
    client = request.client.host if request.client else "?"
    wait = guard.locked(client, name)
    if wait:
        return render(request, "login.html", {"next": nxt, "error": f"too many failed sign-ins; try again in "
                                              f"{-(-wait // 60)} minutes"}, status=429)
    store = store_of(request)
    # scrypt takes ~50 ms of CPU: in a worker thread, so other requests are answered meanwhile; an unknown
    # name is checked against a dummy hash, so that it takes as long as a wrong password
    stored = await run_in_threadpool(store.user_password, name)
    if not await run_in_threadpool(verify_password, password, stored or DUMMY_HASH) or stored is None:
        guard.failed(client, name)
        return render(request, "login.html", {"next": nxt, "error": "unknown name or wrong password"}, status=403)
    guard.succeeded(client, name)
    cookie, sid, expires = security.new_session(request.app.state.secret)
    await run_in_threadpool(store.add_session, sid, name, expires)
    response = RedirectResponse(nxt if nxt.startswith("/") and not nxt.startswith("//") else "/", status_code=303)
    response.set_cookie(security.SESSION_COOKIE, cookie, httponly=True, samesite="lax", max_age=security.SESSION_SECONDS,
                        secure=request.app.state.secure_cookies)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _form(request)
    if request.state.session:
        await run_in_threadpool(store_of(request).drop_session, request.state.session)
    response = RedirectResponse("/events", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE)
    return response


def _attrs(form: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out = {name: form[prefix + name] for name in EDITABLE if prefix + name in form}
    if prefix + "preemptive_shown" in form and prefix + "preemptive" not in form:
        out["preemptive"] = False  # an unticked box sends nothing
    if isinstance(out.get("claims"), list):
        out["claims"] = ",".join(str(c) for c in out["claims"])
    return out


@router.post("/events/{key}/review")
async def review_event(request: Request, key: str) -> Response:
    form = await _form(request)
    who = _reviewer(request)
    action = str(form.get("action") or "")
    parts = [_attrs(form, "a_"), _attrs(form, "b_")] if action == "split" else None
    try:
        entry = desk.act(store_of(request), action, key, who=who, reason=str(form.get("reason") or ""),
                         attrs=_attrs(form), other_key=str(form.get("other_key") or "").strip() or None, parts=parts)
    except ContentionError as exc:
        return render(request, "error.html", {"message": exc.one_line(), "back": f"/events/{key}"}, status=400)
    return _back(f"/events/{key}", f"{action}: audit entry {entry}")


@router.post("/documents/{doc_id:path}/code")
async def code_event(request: Request, doc_id: str) -> Response:
    form = await _form(request)
    who = _reviewer(request)
    try:
        start, end = int(form.get("start") or -1), int(form.get("end") or -1)
        entry = desk.act(store_of(request), "code", None, who=who, reason=str(form.get("reason") or ""),
                         attrs=_attrs(form), doc_id=doc_id, start=start, end=end)
    except (ContentionError, ValueError) as exc:
        msg = exc.one_line() if isinstance(exc, ContentionError) else "start and end must be whole numbers"
        return render(request, "error.html", {"message": msg, "back": f"/documents/{quote(doc_id, safe='')}"}, status=400)
    return _back(f"/documents/{quote(doc_id, safe='')}", f"new event coded: audit entry {entry}")


@router.post("/audit/{entry_id}/undo")
async def undo(request: Request, entry_id: int) -> Response:
    form = await _form(request)
    who = _reviewer(request)
    try:
        new = store_of(request).undo_review(entry_id, who=who, reason=str(form.get("reason") or ""))
    except ContentionError as exc:
        return render(request, "error.html", {"message": exc.one_line(), "back": "/audit"}, status=409)
    back = str(form.get("back") or "/audit")
    return _back(back if back.startswith("/") and not back.startswith("//") else "/audit", f"undone: audit entry {new}")
