"""``contention report``: rebuild the offline HTML report from the database."""
from __future__ import annotations

import click

from . import cli
from .run import DEFAULT_REPORT_DIR


@cli.command("report")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("-o", "--out", "out_dir", default=DEFAULT_REPORT_DIR, show_default=True, help="Folder for index.html.")
@click.option("--country", default=None,
              help="Learning section for this country (ISO alpha-2); default: every country with a known landmark.")
@click.option("--landmark", default=None,
              help="Landmark date(s) for --country, comma-separated (default: its best-known one).")
@click.option("--origin", default=None, help="Only events of these origins in the learning section (see learn --origin).")
@click.option("--window", "window_years", type=float, default=None,
              help="Only episodes within this many years of the landmark in the learning section.")
def report_cmd(db_url: str | None, out_dir: str, country: str | None, landmark: str | None, origin: str | None,
               window_years: float | None) -> None:
    """Rebuild the report (timeline, repertoire, learning, events with evidence); the learning
    estimates are also written beside it as learning-estimates.csv and .json."""
    from ..pipeline import rebuild_episodes
    from ..report.from_store import build_from_store
    from ..store import open_store

    store = open_store(db_url, create=False)
    try:
        rebuild_episodes(store)
        path = build_from_store(store, out_dir, country=country, landmark=landmark, origin=origin,
                                window_years=window_years)
    finally:
        store.close()
    click.echo(f"report: {path.resolve()}")
