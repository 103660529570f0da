"""The FastAPI app: one Store, templates, bundled static files, the CSRF cookie and error pages."""
from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..errors import ContentionError, InputError
from ..store import open_store
from . import security

#: Set this to keep reviewers signed in across restarts (and across several server processes).
SECRET_ENV = "CONTENTION_SECRET"
#: Set this to 1 to mark cookies Secure (the dashboard behind an HTTPS proxy); ``serve --secure-cookies`` too.
SECURE_ENV = "CONTENTION_SECURE_COOKIES"


def _here(name: str) -> str:
    return str(resources.files(__package__).joinpath(name))


def create_app(db_url: str | None = None, *, secret: bytes | None = None, secure_cookies: bool | None = None) -> FastAPI:
    """The dashboard over the store at ``db_url``; ``secret`` signs cookies (default: $CONTENTION_SECRET or random).

    secure_cookies: mark cookies Secure (sent over HTTPS only), for a dashboard served behind an HTTPS
    proxy; default: $CONTENTION_SECURE_COOKIES set to 1, else off (plain http://127.0.0.1 needs them sent).
    """
    store = open_store(db_url, create=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="contention", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Protest events and state responses with their evidence. Every list is paged.")
    app.state.store = store
    app.state.learning_cache = {}
    app.state.chart_cache = {}
    env = os.environ.get(SECRET_ENV)
    app.state.secret = secret or (env.encode("utf-8") if env else secrets.token_bytes(32))
    app.state.secure_cookies = (os.environ.get(SECURE_ENV, "") in ("1", "true", "yes")
                                if secure_cookies is None else bool(secure_cookies))
    app.state.sign_in_guard = security.SignInGuard()
    templates = Jinja2Templates(directory=_here("templates"))
    templates.env.globals["version"] = __version__
    # ids in paths ("/documents/{{ doc.doc_id | urlencode }}") are quoted whole, "/" included: a doc_id
    # with "/" or ".." then stays one path segment (the routes take it with {doc_id:path})
    templates.env.filters["urlencode"] = lambda value: quote(str(value), safe="")
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=_here("static")), name="static")
    _middleware(app)
    _errors(app)
    from . import api, pages, review_routes
    app.include_router(pages.router)
    app.include_router(review_routes.router)
    app.include_router(api.router)
    app.include_router(api.docs_router)
    return app


def _middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def csrf_cookie(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        cookie = security.usable_csrf_cookie(request.cookies.get(security.CSRF_COOKIE))
        fresh = None if cookie else security.new_csrf_cookie()
        request.state.csrf_cookie = cookie or fresh
        request.state.session = security.session_of(app.state.secret, request.cookies.get(security.SESSION_COOKIE))
        request.state.user = (await run_in_threadpool(app.state.store.session_user, request.state.session)
                              if request.state.session else None)
        response = await call_next(request)
        if fresh:
            response.set_cookie(security.CSRF_COOKIE, fresh, httponly=True, samesite="strict",
                                secure=app.state.secure_cookies)
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                    "frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def _errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # a query value out of range (page=10**30) or of the wrong kind: 422 with one line, never a 500
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
                             for e in exc.errors())
        message = f"bad request: {problems}"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=422)
        return render(request, "error.html", {"message": message}, status=422)

    @app.exception_handler(ContentionError)
    async def contention_error(request: Request, exc: ContentionError) -> Response:
        status = 400 if isinstance(exc, InputError) or "filter" in str(exc) or "date" in str(exc) else 500
        if "refused" in str(exc) or "cannot undo" in str(exc) or "undone already" in str(exc):
            status = 409
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.one_line()}, status_code=status)
        return render(request, "error.html", {"message": exc.one_line()}, status=status)


def warm() -> None:
    """Load what the first map or chart would otherwise wait for (Natural Earth, town coordinates, the chart engine)."""
    from ..analyse import charts, geodata
    from . import geo

    for tolerance in geodata.TOLERANCES:
        geodata._simplified(tolerance)
    geo.locate("KZ", "Almaty")
    charts.repertoire_chart(charts.pd.DataFrame({"year": [2011], "family": ["repression"], "n": [1]}))


def warm_in_background() -> None:
    """``warm`` in a daemon thread (the server answers meanwhile)."""
    import threading

    threading.Thread(target=warm, name="contention-warm", daemon=True).start()


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    """Render template ``name`` with the reviewer, the CSRF token and ``context``."""
    app = request.app
    token = security.csrf_token(app.state.secret, request.state.csrf_cookie)
    page = app.state.templates.TemplateResponse(request, name, {"user": request.state.user, "csrf": token, **context},
                                                status_code=status)
    return page  # type: ignore[no-any-return]
