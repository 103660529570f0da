"""The reading pages: events, one event, documents, episodes, map, learning, audit log, sign-in."""
from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import InputError
from ..records import Episode, Event
from ..review.desk import lookup
from ..review.overlay import reviewed
from ..store import Store
from ..taxonomy import ACTOR_TYPES, EVENT_TYPES, FAMILIES, MODALITIES
from . import geo
from .app import render
from .highlight import runs
from .query import MAX_PAGE, EventQuery, event_query

router = APIRouter(include_in_schema=False)
#: Matching documents shown above the events table when searching.
SEARCH_HITS = 10


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def choices() -> dict[str, Any]:
    return {"event_types": EVENT_TYPES, "families": FAMILIES, "modalities": MODALITIES, "actor_types": ACTOR_TYPES}


@router.get("/")
def home() -> Response:
    return RedirectResponse("/events", status_code=302)


def event_rows(store: Store, events: list[Event]) -> list[dict[str, Any]]:
    """Events with their review overlay applied: key, event (as reviewed), status."""
    keys = [e.key for e in events]
    states = store.review_states(keys) if keys else {}
    out = []
    for key, ev in zip(keys, events):
        state = states.get(key)
        shown = reviewed(ev, state)
        out.append({"key": key, "event": shown or ev, "status": (state or {}).get("status", "machine"),
                    "gone": shown is None})
    return out


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    store = store_of(request)
    filters = query.filters()
    total = store.count_events(**filters)
    events = store.events(limit=query.per_page, offset=query.offset, **filters)
    hits = [h for h in store.search(query.q, limit=SEARCH_HITS * 2) if h["kind"] == "document"][:SEARCH_HITS] \
        if query.q else []
    pages = max(1, math.ceil(total / query.per_page))
    added = _added_rows(store, filters) if query.page == 1 else []
    return render(request, "events.html", {"rows": event_rows(store, events), "total": total, "query": query,
                                           "pages": pages, "hits": hits, "added": added, **choices()})


def _added_rows(store: Store, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Events coded by reviewers that match the filters (they are not in the machine table)."""
    from ..review.desk import matches
    from ..review.overlay import added_event

    out = []
    for key, state in store.review_states().items():
        if state.get("status") == "added":
            event = added_event(state)
            if matches(event, filters):
                out.append({"key": key, "event": event, "status": "added", "gone": False})
    return out


def _episode_of(store: Store, event: Event, key: str) -> Episode | None:
    for ep in store.episodes(country=event.country):
        if key in ep.protest_keys or key in ep.response_keys:
            return ep
    return None


def _document_views(store: Store, event: Event, key: str) -> list[dict[str, Any]]:
    """Every document that reports the event, its text cut into runs with every evidence span marked."""
    spans = event.all_evidence()
    out = []
    for doc_id in dict.fromkeys(s.doc_id for s in spans):
        doc = store.document(doc_id)
        if doc is None:
            continue
        marks = [(s.start, s.end, key, True, s is event.evidence) for s in spans if s.doc_id == doc_id]
        out.append({"doc": doc, "runs": runs(doc.text, marks), "n_spans": len(marks)})
    return out


@router.get("/events/{key}", response_class=HTMLResponse)
def event_page(request: Request, key: str) -> Response:
    store = store_of(request)
    machine, state = lookup(store, key)
    event = reviewed(machine, state) or machine
    if event is None:
        if state and state.get("event"):
            from ..review.overlay import added_event
            event = added_event(state)
        else:
            return render(request, "error.html", {"message": f"no event {key}"}, status=404)
    return render(request, "event.html", {
        "key": key, "event": event, "machine": machine, "state": state, "status": (state or {}).get("status", "machine"),
        "documents": _document_views(store, event, key), "episode": _episode_of(store, event, key),
        "audit": store.audit_log(event_key=key, limit=100), **choices()})


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> Response:
    store = store_of(request)
    doc = store.document(doc_id)
    if doc is None:
        return render(request, "error.html", {"message": f"no document {doc_id}"}, status=404)
    rows = event_rows(store, store.events(doc_id=doc_id))
    from ..review.overlay import added_event
    for key, state in store.review_states(doc_id=doc_id).items():
        if state.get("status") == "added":
            rows.append({"key": key, "event": added_event(state), "status": "added", "gone": False})
    marks = [(s.start, s.end, r["key"], False, False) for r in rows if not r["gone"]
             for s in r["event"].all_evidence() if s.doc_id == doc_id]
    return render(request, "document.html", {"doc": doc, "rows": rows, "runs": runs(doc.text, marks), **choices()})


def _timeline(store: Store, episodes: list[Episode], country: str | None) -> str:
    import pandas as pd

    from ..analyse.charts import timeline_chart
    from ..link.episodes import episodes_frame

    if not episodes:
        return ""
    frame = store.events_frame(country=country) if country else store.events_frame()
    member = {k: ep.episode_id for ep in episodes for k in (*ep.protest_keys, *ep.response_keys)}
    frame = frame.assign(episode_id=frame["event_key"].map(member)).dropna(subset=["episode_id"])
    return timeline_chart(episodes_frame(episodes), pd.DataFrame(frame), title="Episodes over time")


@router.get("/episodes", response_class=HTMLResponse)
def episodes_page(request: Request, country: str | None = None, region: str | None = None) -> Response:
    store = store_of(request)
    country, region = (country or None), (region or None)
    episodes = [ep for ep in store.episodes(country=country) if region is None or ep.admin1 == region]
    countries = sorted({ep.country for ep in store.episodes() if ep.country})
    return render(request, "episodes.html", {"episodes": episodes, "country": country, "region": region,
                                             "countries": countries, "chart": _timeline(store, episodes, country)})


@router.get("/episodes/{episode_id}", response_class=HTMLResponse)
def episode_page(request: Request, episode_id: str) -> Response:
    store = store_of(request)
    found = [ep for ep in store.episodes() if ep.episode_id == episode_id]
    if not found:
        return render(request, "error.html", {"message": f"no episode {episode_id}"}, status=404)
    ep = found[0]
    keys = [*ep.protest_keys, *ep.response_keys]
    events = [e for k in keys for e in store.events(event_key=k, limit=1)]
    rows = sorted(event_rows(store, events), key=lambda r: (r["event"].date or "", r["event"].family != "protest"))
    return render(request, "episode.html", {"episode": ep, "rows": rows})


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    store = store_of(request)
    table = store.count_by(by=("country", "admin1", "place"), **query.filters())
    def text(v: Any) -> str | None:
        return v if isinstance(v, str) and v else None  # NaN or None from the grouped frame

    rows = [(text(r.country), text(r.admin1), text(r.place), int(r.events)) for r in table.itertuples(index=False)]
    places, regions, unplaced = geo.points(rows)
    return render(request, "map.html", {"svg": geo.map_svg(places, regions), "places": places, "regions": regions,
                                        "unplaced": unplaced, "query": query, **choices()})


#: Bootstrap resamples for the dashboard's learning page (the CLI default is 2000; this keeps the page quick).
LEARN_BOOT = 300


def learning_result(request: Request, country: str, landmark: str | None, origin: str | None):  # type: ignore[no-untyped-def]
    """The (cached) ``learn`` result for a checked request; InputError (400) for a bad one."""
    from ..analyse import learn
    from ..analyse.request import check_request
    from ..errors import ConfigError

    store = store_of(request)
    country, landmark, origin = country.upper(), landmark or None, origin or None
    try:
        stamp = (country, landmark, origin, store.count_events(country=country))
        cache = request.app.state.learning_cache
        if stamp not in cache:
            cache.clear()  # one analysis kept: a changed store or another request recomputes
            frame = store.events_frame(country=country)
            req = check_request(frame, country=country, landmark=landmark, origin=origin)
            mark = req.landmarks[0]
            cache[stamp] = learn(frame, country=req.country, landmark=mark.date, landmark_name=mark.name,
                                 origin=req.origin, n_boot=LEARN_BOOT)
        return cache[stamp]
    except (ValueError, KeyError, ConfigError) as exc:
        raise InputError(f"cannot run the learning analysis for {country} at {landmark or 'its default landmark'}: "
                         f"{exc}") from exc


@router.get("/learning", response_class=HTMLResponse)
def learning_page(request: Request, country: str = "KZ", landmark: str | None = None, origin: str | None = None) -> Response:
    from ..analyse.charts import before_after_chart, repertoire_chart
    from ..report.learning_sections import estimates_html, methods_html, sources_html

    result = learning_result(request, country, landmark, origin)
    charts = [before_after_chart(result.before_after, landmark=result.landmark),
              repertoire_chart(result.shares_by_year)]
    tables = [estimates_html(result)] + ([sources_html(result)] if len(result.by_source) else []) + [methods_html(result)]
    return render(request, "learning.html", {"result": result, "charts": charts, "country": result.country,
                                             "landmark": result.landmark, "origin": origin or "",
                                             "sentences": result.sentence_list(), "tables": tables})


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, page: int = Query(1, ge=1, le=MAX_PAGE)) -> Response:
    entries = store_of(request).audit_log(limit=50, offset=(page - 1) * 50)
    return render(request, "audit.html", {"entries": entries, "page": page})


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/events") -> Response:
    return render(request, "login.html", {"next": next if next.startswith("/") and not next.startswith("//") else "/"})
