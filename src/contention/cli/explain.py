"""``contention explain FILE``: what was found in each sentence and which rule decided it."""
from __future__ import annotations

import click

from . import cli


@cli.command("explain")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--all", "show_all", is_flag=True, help="Also show sentences where nothing was found.")
def explain_cmd(path: str, show_all: bool) -> None:
    """Explain, sentence by sentence, the events coded from the reports in FILE: the rules' triggers and
    cues, the learned recogniser's reading (event types with probabilities), places, dates and events."""
    from pathlib import Path

    from rich.console import Console
    from rich.markup import escape

    from ..extract.explain import explain_document
    from ..ingest.language import with_language
    from ..ingest.readers import read_file

    con = Console()
    for doc in read_file(Path(path)):
        ex = explain_document(with_language(doc))
        con.print(f"[bold]{escape(ex.doc_id)}[/]  lang={ex.lang} pack={ex.pack} anchor={ex.anchor} "
                  f"story-date={ex.story_date} country={ex.country} protest-in-text={ex.protest_context}")
        if ex.note and not ex.sentences:
            con.print(f"  [red]{escape(ex.note)}[/]")
        for s in ex.sentences:
            if not (s.triggers or s.events or s.recogniser or show_all):
                continue
            con.print(f"\n  [dim]#{s.index}[/] {escape(s.text[:300])}")
            for t in s.triggers:
                con.print(f"    trigger  {escape(t)}")
            for r in s.recogniser:
                con.print(f"    model    {escape(r)}")
            for p in s.places:
                con.print(f"    place    {escape(p)}")
            for d in s.dates:
                con.print(f"    date     {escape(d)}")
            for e in s.events:
                where = ", ".join(x for x in (e.place, e.admin1, e.country) if x)
                con.print(f"    [green]EVENT[/]    {e.type} {e.modality} date={e.date} place={escape(where)} "
                          f"actor={escape(str(e.actor))} ({e.actor_type}) counts={dict(e.counts)}")
            if s.note:
                con.print(f"    [yellow]note[/]     {escape(s.note)}")
        con.print()
