"""The JSON twins of the pages: events, one event, episodes, documents; all paged, all with the same filters."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..records import Episode, Event
from ..review.desk import lookup
from ..review.overlay import added_event, reviewed
from .pages import event_rows, learning_result, store_of
from .query import MAX_PAGE, MAX_PER_PAGE, PER_PAGE, EventQuery, event_query

router = APIRouter(prefix="/api", tags=["api"])


def _event_json(key: str, event: Event, status: str) -> dict[str, Any]:
    out = event.to_dict()
    out.update(event_key=key, review_status=status)
    return out


@router.get("/events", summary="Events matching the filters, paged, with their evidence and review status")
def api_events(request: Request, query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    store = store_of(request)
    filters = query.filters()
    events = store.events(limit=query.per_page, offset=query.offset, **query.order(), **filters)
    return {"total": store.count_events(**filters), "page": query.page, "per_page": query.per_page,
            "events": [_event_json(r["key"], r["event"], r["status"]) for r in event_rows(store, events)]}


@router.get("/events/{key}", summary="One event as reviewed, with its machine coding and review state")
def api_event(request: Request, key: str) -> dict[str, Any]:
    machine, state = lookup(store_of(request), key)
    event = reviewed(machine, state) or machine or (added_event(state) if state and state.get("event") else None)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event {key}")
    return {"event": _event_json(key, event, (state or {}).get("status", "machine")),
            "machine": machine.to_dict() if machine else None, "review": state}


def _episode_json(ep: Episode) -> dict[str, Any]:
    return {"episode_id": ep.episode_id, "country": ep.country, "admin1": ep.admin1, "place": ep.place,
            "start": ep.start, "end": ep.end, "label": ep.label, "protest_keys": list(ep.protest_keys),
            "response_keys": list(ep.response_keys)}


@router.get("/episodes", summary="Episodes by start date, optionally of one country or region, paged")
def api_episodes(request: Request, country: str | None = None, region: str | None = None,
                 page: int = Query(1, ge=1, le=MAX_PAGE), per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE)) -> dict[str, Any]:
    store = store_of(request)
    where = {"country": country or None, "region": region or None}
    eps = store.episodes(**where, limit=per_page, offset=(page - 1) * per_page)
    return {"total": store.count_episodes(**where), "page": page, "per_page": per_page,
            "episodes": [_episode_json(ep) for ep in eps]}


@router.get("/learning", summary="Before/after a landmark: estimates with intervals, episode measures, sources, checks")
def api_learning(request: Request, country: str = "KZ", landmark: str | None = None,
                 origin: str | None = None) -> dict[str, Any]:
    return learning_result(request, country, landmark, origin).to_dict()  # type: ignore[no-any-return]


@router.get("/documents/{doc_id:path}", summary="One document with the events it reports (paged)")
def api_document(request: Request, doc_id: str, page: int = Query(1, ge=1, le=MAX_PAGE),
                 per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE)) -> dict[str, Any]:
    store = store_of(request)
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id}")
    events = store.events(doc_id=doc_id, limit=per_page, offset=(page - 1) * per_page)
    return {"document": doc.to_dict(), "total": store.count_events(doc_id=doc_id), "page": page,
            "per_page": per_page,
            "events": [_event_json(r["key"], r["event"], r["status"]) for r in event_rows(store, events)]}


docs_router = APIRouter(include_in_schema=False)


@docs_router.get("/docs", response_class=HTMLResponse)
def docs_page() -> HTMLResponse:
    """A self-hosted API page: the bundled docs.js reads /openapi.json (no CDN, unlike Swagger UI)."""
    return HTMLResponse('<!doctype html><html><head><meta charset="utf-8"><title>contention API</title>'
                        '<link rel="stylesheet" href="/static/style.css"></head><body><main>'
                        '<h1>contention API</h1><p>The machine-readable description: <a href="/openapi.json">'
                        '/openapi.json</a>.</p><div id="api">loading…</div></main>'
                        '<script src="/static/docs.js"></script></body></html>')
