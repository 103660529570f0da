"""``contention runs``: every run with its counts and state (running, done, failed, partial, interrupted)."""
from __future__ import annotations

import json

import click

from . import cli


@cli.command("runs")
@click.option("--db", "db_url", default=None, help="Database URL (default: SQLite file contention.db here).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per run instead of a table.")
def runs_cmd(db_url: str | None, as_json: bool) -> None:
    """List runs, oldest first; a run whose driver is gone shows as interrupted (continue it with run --resume)."""
    from ..store import open_store
    from ..store.runs import run_listing

    with open_store(db_url, create=False) as store:
        rows = run_listing(store)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    click.echo(f"{'id':>4}  {'state':<11} {'engine':<9} {'chunks':>6} {'documents':>9} {'new docs':>8} "
               f"{'events':>8} {'new events':>10}  started")
    for r in rows:
        click.echo(f"{r['id']:>4}  {r['state']:<11} {r['engine']:<9} {r['chunks']:>6} {r['documents']:>9} "
                   f"{r['new_documents']:>8} {r['events']:>8} {r['new_events']:>10}  {r['started']}")
