"""serve stage: the web dashboard (server-rendered pages, a JSON twin of each) and the review desk.

``create_app(db_url)`` gives the FastAPI app; ``contention serve`` runs it with uvicorn.
Everything a page needs (CSS, the little JS) is in ``static/``; nothing is fetched from a network.
DOCS: docs/web.md
"""
from .app import create_app

__all__ = ["create_app"]
