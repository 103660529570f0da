"""``contention gold export``: reviewed documents as a gold file (dev-set format)."""
from __future__ import annotations

import click

from . import cli


@cli.group("gold")
def gold_group() -> None:
    """Gold data from human review."""


@gold_group.command("export")
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("-o", "--output", required=True, help="The .jsonl file to write.")
def gold_export(db_url: str | None, output: str) -> None:
    """Write every reviewed document with its reviewed events, one JSON object a line."""
    from ..review.gold import write_gold
    from ..store import open_store

    with open_store(db_url, create=False) as store:
        n = write_gold(store, output)
    click.echo(f"wrote {n} reviewed documents to {output}")
