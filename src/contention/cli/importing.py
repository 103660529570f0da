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
@click.option("--code-notes", is_flag=True,
              help="Also run the extractor over each row's notes and add the responses the coded columns lack "
                   "(origin imported:SOURCE/notes); prints how well notes and coded columns agree.")
def import_cmd(source: str, path: str, db_url: str | None, country: str | None, quiet: bool, code_notes: bool) -> None:
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
            s = import_dataset(source, path, store=store, country=country, progress=lambda n: bar.advance(task, n),
                               code_notes=code_notes)
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
    if s.notes is not None:
        _print_notes(s.notes)


def _print_notes(notes: dict) -> None:  # type: ignore[type-arg]
    click.echo(f"notes: {notes['rows_with_notes']} rows with notes coded; {notes['notes_responses']} responses found, "
               f"{notes['added']} added as {'imported:' + notes['source'] + '/notes'} "
               f"({notes['added_dated_by_notes']} of them a coded type the notes date later in a long row), "
               f"{notes['not_added_coded']} already coded, {notes['not_added_outside_row']} dated outside the row")
    click.echo("agreement of notes-coded responses with the coded columns (rows):")
    click.echo(f"  {'kind':32s} {'both':>5} {'coded only':>10} {'notes only':>10} {'neither':>7} {'agree':>6} {'kappa':>6}")
    for r in notes["agreement"]:
        kappa = "n/a" if r["kappa"] is None else f"{r['kappa']:.2f}"
        click.echo(f"  {r['kind']:32s} {r['both']:>5} {r['coded_only']:>10} {r['notes_only']:>10} {r['neither']:>7} "
                   f"{r['agreement']:>6.2f} {kappa:>6}")
