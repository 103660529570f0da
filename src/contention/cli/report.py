"""``contention report``: rebuild the offline HTML report from the database."""
from __future__ import annotations

import click

from . import cli
from .run import DEFAULT_REPORT_DIR


@cli.command("report")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("-o", "--out", "out_dir", default=DEFAULT_REPORT_DIR, show_default=True, help="Folder for index.html.")
def report_cmd(db_url: str | None, out_dir: str) -> None:
    """Rebuild the report (timeline, repertoire, learning, events with evidence)."""
    from ..pipeline import rebuild_episodes
    from ..report.from_store import build_from_store
    from ..store import open_store

    store = open_store(db_url, create=False)
    try:
        rebuild_episodes(store)
        path = build_from_store(store, out_dir)
    finally:
        store.close()
    click.echo(f"report: {path.resolve()}")
