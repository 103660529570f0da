"""``contention import SOURCE FILE``: bring in MM, ACLED, GDELT, CCC or #KeepItOn data."""
from __future__ import annotations

import click

from . import cli
from ..datasets import READERS


@cli.command("import")
@click.argument("source", type=click.Choice(sorted(READERS)))
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--db", "db_url", default=None, help="Database URL (default: contention.db here).")
@click.option("--country", default=None, help="Only rows of this country (ISO2 or name).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def import_cmd(source: str, path: str, db_url: str | None, country: str | None, quiet: bool) -> None:
    """Import a dataset file, mapping its codes onto the taxonomy (see docs/datasets.md)."""
    from pathlib import Path

    from ..datasets.load import count_rows, import_dataset
    from ..errors import InputError
    from ..pipeline import rebuild_episodes
    from ..store import open_store
    from ._progress import progress_bar, start

    if not Path(path).exists():
        raise InputError("no such file", where=path)
    store = open_store(db_url)
    try:
        with progress_bar(f"importing {source} rows", "rows", quiet=quiet) as bar:
            task = start(bar, None if quiet else count_rows(path))
            s = import_dataset(source, path, store=store, country=country, progress=lambda n: bar.advance(task, n))
        rebuild_episodes(store)
    finally:
        store.close()
    for w in s.warnings[:20]:
        click.echo(f"warning: {w}", err=True)
    if len(s.warnings) > 20:
        click.echo(f"warning: … and {len(s.warnings) - 20} more skipped rows", err=True)
    st = s.stats
    click.echo(f"imported {source} from {path}: {st.rows if st else '?'} rows, {s.new_events} new events, "
               f"{s.new_documents} new documents, {st.skipped if st else 0} rows skipped"
               + (f", {s.duplicates} rows imported before from another file" if s.duplicates else ""))
