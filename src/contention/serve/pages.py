"""The reading pages: events, one event, documents, episodes, map, learning, audit log, sign-in."""
from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from ..errors import InputError
from ..records import Episode, Event
from ..review.desk import lookup
from ..review.overlay import reviewed
from ..store import Store
from ..taxonomy import ACTOR_TYPES, EVENT_TYPES, FAMILIES, MODALITIES
from . import geo
from .app import render
from .highlight import runs, snippet_runs, term_pattern, term_runs
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


#: The facets of the events page: (label, query parameter, column grouped on); at most FACET_TOP values each.
FACETS = (("country", "country", "country"), ("region", "region", "admin1"), ("family", "family", "family"),
          ("type", "type", "type"), ("modality", "modality", "modality"), ("origin", "origin", "origin"),
          ("year", "year", "year"))
FACET_TOP = 12
#: The columns of the events table: (header, sort name or None).
COLUMNS = (("date", "date"), ("type", "type"), ("where", "where"), ("evidence", "doc"), ("origin", "origin"))


def facets(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    """Per facet, its most frequent values among the events matching the current filters, with counts and links."""
    counts = store.facet_counts(by=[column for _l, _p, column in FACETS], top=FACET_TOP, **query.filters())
    out = []
    for label, param, column in FACETS:
        table = counts[column]
        values = []
        for value, n in zip(table["value"], table["events"]):
            value = str(value)
            if param == "year":
                chosen = query.date_from == value and query.date_to == value
                link = query.link(**({"from": None, "to": None} if chosen else {"from": value, "to": value}), page=None)
            else:
                chosen = query.params().get(param) == value
                link = query.toggle(param, value)
            values.append({"value": value, "n": int(n), "link": link, "chosen": chosen})
        total = int(table["n_values"].iloc[0]) if len(table) else 0
        out.append({"label": label, "param": param, "values": values, "more": max(total - FACET_TOP, 0)})
    return out


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    store = store_of(request)
    filters = query.filters()
    total = store.count_events(**filters)
    events = store.events(limit=query.per_page, offset=query.offset, **query.order(), **filters)
    hits = [h for h in store.search(query.q, limit=SEARCH_HITS * 2) if h["kind"] == "document"][:SEARCH_HITS] \
        if query.q else []
    for h in hits:
        h["runs"] = snippet_runs(h.get("snippet") or "")
    pages = max(1, math.ceil(total / query.per_page))
    added = _added_rows(store, filters) if query.page == 1 else []
    pattern = term_pattern(query.q)
    rows = event_rows(store, events)
    for r in rows:
        r["evidence_runs"] = term_runs(_cut(r["event"].evidence.text), pattern)
    return render(request, "events.html", {"rows": rows, "total": total, "query": query, "columns": COLUMNS,
                                           "pages": pages, "hits": hits, "added": added,
                                           "facets": cached(request, ("facets", query.link(page=None, sort=None,
                                                                                           desc=None, per_page=None)),
                                                            lambda: facets(store, query)), **choices()})


def _cut(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: Download formats of the current view: suffix -> media type.
DOWNLOADS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}


@router.get("/events.{fmt}")
def events_download(request: Request, fmt: str, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    """Every event of the current view (all pages), streamed as CSV, JSONL or Parquet."""
    if fmt not in DOWNLOADS:
        return render(request, "error.html", {"message": f"no download format {fmt!r}: use csv, jsonl or parquet"},
                      status=404)
    chunks = store_of(request).stream(fmt, **query.order(), **query.filters())
    return StreamingResponse(chunks, media_type=DOWNLOADS[fmt],
                             headers={"Content-Disposition": f'attachment; filename="events.{fmt}"'})


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
    found = store.episode_ids([key]).get(key)
    eps = store.episodes(episode_id=found) if found else []
    return eps[0] if eps else None


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


#: Episodes per page on the episodes page.
EPISODES_PER_PAGE = 50


def _timeline(store: Store, episodes: list[Episode], *, title: str) -> str:
    """The timeline of ``episodes`` with their events (read by key, not the whole table)."""
    from ..analyse.charts import timeline_chart
    from ..link.episodes import episodes_frame

    if not episodes:
        return ""
    member = {k: ep.episode_id for ep in episodes for k in (*ep.protest_keys, *ep.response_keys)}
    events = store.events_of(list(member))
    events = events[events["modality"].fillna("asserted") == "asserted"].assign(
        episode_id=lambda d: d["event_key"].map(member))
    return timeline_chart(episodes_frame(episodes), events, title=title, max_rows=EPISODES_PER_PAGE)


@router.get("/episodes", response_class=HTMLResponse)
def episodes_page(request: Request, country: str | None = None, region: str | None = None,
                  page: int = Query(1, ge=1, le=MAX_PAGE)) -> Response:
    store = store_of(request)
    country, region = (country or None), (region or None)
    total = store.count_episodes(country=country, region=region)
    pages = max(1, math.ceil(total / EPISODES_PER_PAGE))
    episodes = store.episodes(country=country, region=region, limit=EPISODES_PER_PAGE,
                              offset=(page - 1) * EPISODES_PER_PAGE)
    countries = list(store.count_by(by=("country",))["country"].dropna())
    first = (page - 1) * EPISODES_PER_PAGE + 1
    title = f"Episodes {first} to {first + len(episodes) - 1} of {total}" if total else "Episodes"
    link = lambda p: "?" + urlencode({k: v for k, v in {"country": country, "region": region, "page": p}.items() if v})  # noqa: E731
    return render(request, "episodes.html", {"episodes": episodes, "country": country, "region": region,
                                             "countries": countries, "total": total, "page": page, "pages": pages,
                                             "link": link, "chart": _timeline(store, episodes, title=title)})


@router.get("/episodes/{episode_id}", response_class=HTMLResponse)
def episode_page(request: Request, episode_id: str) -> Response:
    store = store_of(request)
    found = store.episodes(episode_id=episode_id)
    if not found:
        return render(request, "error.html", {"message": f"no episode {episode_id}"}, status=404)
    ep = found[0]
    keys = [*ep.protest_keys, *ep.response_keys]
    events = [e for k in keys for e in store.events(event_key=k, limit=1)]
    rows = sorted(event_rows(store, events), key=lambda r: (r["event"].date or "", r["event"].family != "protest"))
    return render(request, "episode.html", {"episode": ep, "rows": rows, "chart": _timeline(store, [ep], title=ep.label)})


def cached(request: Request, key: tuple[Any, ...], make: Any) -> Any:
    """``make()`` once per ``key`` and store state (the event count), a few kept (charts are slow to draw)."""
    store = store_of(request)
    cache: dict[tuple[Any, ...], Any] = request.app.state.chart_cache
    stamp = (*key, store.count_events(), len(store.review_states()))
    if stamp not in cache:
        if len(cache) >= 32:
            cache.pop(next(iter(cache)))
        cache[stamp] = make()
    return cache[stamp]


def _map_data(store: Store, query: EventQuery) -> dict[str, Any]:
    from ..analyse import charts, geodata

    filters = query.filters()
    table = store.count_by(by=("country", "admin1", "place"), **filters)

    def text(v: Any) -> str | None:
        return v if isinstance(v, str) and v else None  # NaN or None from the grouped frame

    rows = [(text(r.country), text(r.admin1), text(r.place), int(r.events)) for r in table.itertuples(index=False)]
    places, regions, unplaced = geo.points(rows)
    by_country: dict[str, int] = {}
    by_region: dict[str, int] = {}
    for country, admin1, place, n in rows:
        if country:
            by_country[country] = by_country.get(country, 0) + n
        if query.country and country == query.country:
            region = admin1 or (geodata.admin1_of(country, place) if place else None)
            if region:
                by_region[region] = by_region.get(region, 0) + n
    svg = charts.map_chart([(p.label, p.lon, p.lat, p.events) for p in places], country=query.country,
                           by_country=by_country, by_region=by_region, locate=geo.locate,
                           title=f"Events in {query.country}" if query.country else "Events by country and place")
    region_rows = sorted(by_region.items(), key=lambda kv: -kv[1])
    return {"svg": svg, "places": places, "regions": region_rows, "countries": sorted(by_country.items(), key=lambda kv: -kv[1]),
            "unplaced": unplaced}


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    store = store_of(request)
    data = cached(request, ("map", query.link(page=None)), lambda: _map_data(store, query))
    return render(request, "map.html", {**data, "query": query, **choices()})


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
    from ..report.learning_sections import estimates_html, methods_html, sources_html

    result = learning_result(request, country, landmark, origin)
    store = store_of(request)
    def draw() -> dict[str, str]:
        from ..analyse.sources import select_origin

        frame = store.events_frame(country=result.country)
        return learning_charts(result, select_origin(frame, result.origin) if result.origin else frame)

    charts = cached(request, ("learning", result.country, result.landmark, origin), draw)
    tables = ([sources_html(result)] if len(result.by_source) else []) + [methods_html(result)]
    return render(request, "learning.html", {"result": result, "charts": charts, "country": result.country,
                                             "landmark": result.landmark, "origin": origin or "",
                                             "sentences": result.sentence_list(), "estimates": estimates_html(result),
                                             "tables": tables})


def learning_charts(result: Any, frame: Any) -> dict[str, str]:
    """The learning page's charts, drawn from the analysis result (the same functions the report uses)."""
    from ..analyse import charts
    from ..analyse.changepoints import monthly_series

    events = frame.merge(result.mapping[["event_key", "episode_id"]], on="event_key", how="left")
    return {
        "before_after": charts.before_after_chart(result.before_after, landmark=result.landmark),
        "repertoire": charts.repertoire_chart(charts.repertoire_counts(frame)),
        "monthly": charts.monthly_chart(monthly_series(frame), result.changepoints),
        "timeline": charts.timeline_chart(result.episodes, events, landmark=result.landmark,
                                          landmark_label=f"landmark {result.landmark}"),
    }


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, page: int = Query(1, ge=1, le=MAX_PAGE)) -> Response:
    entries = store_of(request).audit_log(limit=50, offset=(page - 1) * 50)
    return render(request, "audit.html", {"entries": entries, "page": page})


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/events") -> Response:
    return render(request, "login.html", {"next": next if next.startswith("/") and not next.startswith("//") else "/"})
