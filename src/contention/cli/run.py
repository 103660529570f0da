"""``contention run PATH...``: the main job, reports in -> coded events, episodes and a report out."""
from __future__ import annotations

import signal
import sys
from types import FrameType

import click

from . import cli

DEFAULT_REPORT_DIR = "contention-report"


@cli.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", "db_url", default=None, help="Database URL (default: SQLite file contention.db here; postgresql://... works).")
@click.option("--report", "report_dir", default=DEFAULT_REPORT_DIR, show_default=True, help="Folder for the offline HTML report.")
@click.option("--no-report", is_flag=True, help="Do not rebuild the report.")
@click.option("--engine", type=click.Choice(["local", "processes", "dask"]), default="local", show_default=True)
@click.option("--workers", type=click.IntRange(1), default=None, help="Worker processes for --engine processes/dask.")
@click.option("--scheduler", default=None, help="tcp://HOST:PORT of an existing Dask scheduler.")
@click.option("--resume", is_flag=True, help="Continue the latest unfinished run over the same PATHS under its own id.")
@click.option("--chunk-size", type=click.IntRange(1), default=None, help="Documents per committed chunk (default 2000).")
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Documents per engine task (default 250).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--recogniser", type=click.Choice(["on", "fast", "off"]), default=None,
              help="The learned recogniser beside the rules (default on where it is installed); fast: it reads only "
                   "the sentences where a rule found an act (about 1.5x faster); off: rules only, fastest.")
def run_cmd(paths: tuple[str, ...], db_url: str | None, report_dir: str, no_report: bool, engine: str,
            workers: int | None, scheduler: str | None, resume: bool, chunk_size: int | None, batch_size: int | None,
            quiet: bool, recogniser: str | None) -> None:
    """Ingest, code, link and store every report under PATHS, then write the report.

    Input is streamed in chunks; each chunk is stored in one transaction, so a run that is
    stopped can be continued with --resume (or simply run again) without losing or repeating work.
    """
    if recogniser:
        from ..recognise.stage import set_mode

        set_mode(recogniser)
    from .. import pipeline
    from ..store import open_store
    from ._progress import progress_bar, start

    store = open_store(db_url)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    sizes = {"chunk_size": chunk_size or pipeline.CHUNK_SIZE, "batch_size": batch_size or pipeline.BATCH_SIZE}
    try:
        with progress_bar("coding documents", "docs", quiet=quiet) as bar:
            task = start(bar, None if quiet else pipeline.count_documents(list(paths)))
            summary = pipeline.run(list(paths), store=store, report_dir=None if no_report else report_dir,
                                   engine=engine, workers=workers, scheduler=scheduler, resume=resume,
                                   progress=lambda n: bar.advance(task, n), **sizes)
    finally:
        signal.signal(signal.SIGTERM, previous)
        store.close()
    _print_summary(summary, store.url)
    if not summary.ok:
        sys.exit(1)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    # SIGTERM becomes KeyboardInterrupt so that the run is recorded as interrupted, not left running.
    raise KeyboardInterrupt


def _print_summary(summary, url: str) -> None:  # type: ignore[no-untyped-def]
    for line in summary.failed:
        click.echo(f"error: {line}", err=True)
    langs = ", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items()))
    again = summary.events - summary.new_events
    click.echo(f"run {summary.run_id}: {summary.files} files, {summary.documents} documents "
               f"({summary.new_documents} new, {summary.skipped_known} already stored), "
               f"{summary.events} events ({summary.new_events} new"
               + (f", {again} stored before and told again" if again else "") + f") -> {url}")
    if langs:
        click.echo(f"languages: {langs}")
    if summary.notes.get("renamed_doc_id"):
        click.echo(f"note: {summary.notes['renamed_doc_id']} documents reuse a doc_id that another text holds; each is "
                   "stored under its doc_id with #<content hash> appended", err=True)
    if summary.notes.get("no_language_pack"):
        click.echo(f"warning: {summary.notes['no_language_pack']} documents in a language without a pack were not coded "
                   "(see `contention lang list`)", err=True)
    for key, who in (("recogniser_only", "the learned recogniser"), ("embeddings_only", "the embedding layer")):
        emb = {k.split(":", 1)[1]: v for k, v in summary.notes.items() if k.startswith(key + ":")}
        if emb:
            click.echo(f"note: coded by {who} alone, without a language pack: "
                       + ", ".join(f"{k} {v}" for k, v in sorted(emb.items()))
                       + " (lower accuracy; see docs/languages.md)", err=True)
    if summary.report:
        click.echo(f"report: {summary.report.resolve()}  (open it in a browser; it works offline)")
